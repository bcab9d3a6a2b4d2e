using JsEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Closes the holes Jint 2.10's own limits leave: code built at run time (<c>eval</c>, <c>Function</c>) and
/// <c>JSON.parse</c> reach recursive parsers that no statement or recursion limit covers, so their input is
/// checked for nesting first. CLR access needs no closing: it only exists when <c>AllowClr</c> is called, and
/// it never is.
/// </summary>
internal static class ScriptSandbox
{
    /// <summary>Deepest bracket nesting accepted in a script or in text handed to eval/Function/JSON.parse.</summary>
    public const int MaxNesting = 256;

    public static JsEngine CreateEngine(ScriptLimits limits)
    {
        var engine = new JsEngine(options => options
            .TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitRecursion(limits.MaxRecursionDepth)
            .Strict(false)
            .Culture(System.Globalization.CultureInfo.InvariantCulture)
            .LocalTimeZone(TimeZoneInfo.Utc));

        var eval = engine.Eval;
        Replace(engine.Global, "eval", new ClrFunctionInstance(engine, (self, arguments) =>
        {
            CheckNesting(engine, arguments, "eval");
            return eval.Call(self, arguments);
        }, 1));

        var function = new GuardedFunctionConstructor(engine);
        Replace(engine.Global, "Function", function);
        Replace(engine.Function.PrototypeObject, "constructor", function);

        var json = engine.Json;
        Replace(json, "parse", new ClrFunctionInstance(engine, (self, arguments) =>
        {
            CheckNesting(engine, arguments, "JSON.parse");
            return json.Parse(self, arguments);
        }, 2));

        return engine;
    }

    private static void Replace(ObjectInstance target, string name, JsValue value) =>
        target.FastSetProperty(name, new PropertyDescriptor(value, writable: true, enumerable: false, configurable: true));

    private static void CheckNesting(JsEngine engine, JsValue[] arguments, string what)
    {
        foreach (var argument in arguments)
        {
            if (argument.IsString() && SourceNesting.FindTooDeep(argument.AsString(), MaxNesting) is not null)
            {
                throw new JavaScriptException(engine.SyntaxError, $"Text passed to {what} nests brackets more than {MaxNesting} levels deep");
            }
        }
    }

    /// <summary>
    /// Stands in for the global <c>Function</c>: same prototype (so <c>instanceof Function</c> still works), but
    /// the source text is checked before the real constructor parses it.
    /// </summary>
    private sealed class GuardedFunctionConstructor : FunctionInstance, IConstructor
    {
        private readonly FunctionConstructor _original;

        public GuardedFunctionConstructor(JsEngine engine)
            : base(engine, [], engine.GlobalEnvironment, false)
        {
            _original = engine.Function;
            Prototype = _original.PrototypeObject;
            Extensible = true;
            FastAddProperty("prototype", _original.PrototypeObject, false, false, false);
            FastAddProperty("length", 1, false, false, false);
        }

        public override JsValue Call(JsValue thisObject, JsValue[] arguments) => Construct(arguments);

        public ObjectInstance Construct(JsValue[] arguments)
        {
            CheckNesting(Engine, arguments, "Function");
            return _original.Construct(arguments);
        }
    }
}
