using System.Globalization;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Builds the interpreter a script task runs in: Jint 4 with every limit of <see cref="ScriptLimits"/>, no CLR
/// access (it only exists when <c>AllowClr</c> is called, and it never is), and the holes Jint's own limits leave
/// closed: built-ins that block or burn a core without counting statements are taken out or guarded, and code
/// built at run time passes the same checks as the script (<see cref="ScriptSource"/>, <see cref="SandboxHost"/>).
/// </summary>
internal static class ScriptSandbox
{
    /// <summary>Deepest bracket nesting accepted in a script or in text handed to eval/Function.</summary>
    public const int MaxNesting = 256;

    /// <summary>
    /// Globals a script task does not get. <c>Atomics.wait</c> blocks its thread past every limit; BigInt arithmetic
    /// (and everything that hands out BigInts: typed arrays of them, Temporal) runs for minutes inside .NET;
    /// <c>Intl</c> walks array-like locale lists of any length without counting statements; ShadowRealm is one more
    /// way to build code at run time; finalization callbacks would run after the answer.
    /// </summary>
    private static readonly string[] Withheld =
    [
        "Atomics", "SharedArrayBuffer", "BigInt", "BigInt64Array", "BigUint64Array", "Temporal", "ShadowRealm", "Intl",
        "FinalizationRegistry", "WeakRef",
    ];

    private static readonly Prepared<Script> ProxyFactory =
        JsEngine.PrepareScript("(function (target, apply, construct) { return new Proxy(target, { apply: apply, construct: construct }); })");

    public static JsEngine CreateEngine(ScriptLimits limits, CancellationToken cancellationToken)
    {
        SandboxHost? host = null;
        var engine = new JsEngine(options =>
        {
            options
                .TimeoutInterval(limits.Timeout)
                .MaxStatements(limits.MaxStatements)
                .LimitRecursion(limits.MaxRecursionDepth)
                .LimitMemory(limits.MaxAllocatedBytes)
                .RegexTimeoutInterval(limits.RegexTimeout)
                .CancellationToken(cancellationToken)
                .Strict(false)
                .Culture(CultureInfo.InvariantCulture)
                .LocalTimeZone(TimeZoneInfo.Utc)
                .UseHostFactory(_ => host = new SandboxHost());

            // Recursion that no call expression counts (a getter, valueOf, a Proxy trap calling itself) ends in a
            // catchable RangeError instead of a stack overflow, which would end the whole server.
            options.Constraints.StackOverflowGuard = true;
            options.Constraints.MaxArraySize = limits.MaxArrayLength;
        });

        // The realm's own error constructors, before a script can replace the globals.
        var errors = new SandboxErrors(ErrorConstructorOf(engine, "RangeError"), ErrorConstructorOf(engine, "SyntaxError"));
        var sandboxHost = host ?? throw new InvalidOperationException("Jint did not create the sandbox host.");
        sandboxHost.EvalError = ErrorConstructorOf(engine, "EvalError");
        foreach (var name in Withheld)
        {
            engine.Global.Delete(name);
        }

        Delete(engine, "DataView", "getBigInt64", "getBigUint64", "setBigInt64", "setBigUint64");
        Delete(engine, "Date", "toTemporalInstant");
        GuardCompilation(engine, sandboxHost, errors);
        BuiltInGuards.Install(engine, errors, limits.MaxArrayLength);
        return engine;
    }

    public static void Replace(ObjectInstance target, JsValue key, JsValue value) =>
        target.FastSetProperty(key, new PropertyDescriptor(value, writable: true, enumerable: false, configurable: true));

    private static ErrorConstructor ErrorConstructorOf(JsEngine engine, string name) =>
        engine.Global.Get(name) as ErrorConstructor ?? throw new InvalidOperationException($"Jint has no {name}.");

    private static void Delete(JsEngine engine, string constructor, params string[] prototypeMembers)
    {
        if (engine.Global.Get(constructor) is ObjectInstance owner && owner.Get("prototype") is ObjectInstance prototype)
        {
            foreach (var member in prototypeMembers)
            {
                prototype.Delete(member);
            }
        }
    }

    /// <summary>
    /// eval and Function keep working for scripts that use them, but their text is checked like the script's own
    /// before the host lets exactly that compilation through. eval becomes indirect (global scope), as it was.
    /// </summary>
    private static void GuardCompilation(JsEngine engine, SandboxHost host, SandboxErrors errors)
    {
        var eval = engine.Intrinsics.Eval;
        Replace(engine.Global, "eval", new ClrFunction(engine, "eval", (_, arguments) =>
        {
            var text = Arguments.At(arguments, 0);
            if (!text.IsString())
            {
                return text;
            }

            Check(errors, text.AsString(), "eval");
            return host.Compile(() => engine.Call(eval, JsValue.Undefined, [text]));
        }, 1, PropertyFlag.Configurable));

        var function = engine.Intrinsics.Function;
        JsValue Build(JsValue argumentList)
        {
            // Stringify first: a toString of the script's own must not run while the compilation is announced.
            var parts = argumentList is ObjectInstance list
                ? Enumerable.Range(0, (int)Math.Min(TypeConverter.ToLength(list.Get("length")), int.MaxValue))
                    .Select(i => (JsValue)new JsString(TypeConverter.ToString(list.Get(i)))).ToArray()
                : [];
            var parameters = string.Join(",", parts.SkipLast(1).Select(p => p.AsString()));
            var body = parts.Length > 0 ? parts[^1].AsString() : string.Empty;
            Check(errors, $"(function anonymous({parameters}\n) {{\n{body}\n}})", "Function");
            return host.Compile(() => function.Construct(parts, function));
        }

        var apply = new ClrFunction(engine, "apply", (_, arguments) => Build(Arguments.At(arguments, 2)), 3, PropertyFlag.Configurable);
        var construct = new ClrFunction(engine, "construct", (_, arguments) => Build(Arguments.At(arguments, 1)), 3, PropertyFlag.Configurable);

        // A proxy of the real constructor: `new Function(...)`, `instanceof Function` and `.prototype` behave as before.
        var guarded = engine.Call(engine.Evaluate(ProxyFactory), JsValue.Undefined, [function, apply, construct]);
        Replace(engine.Global, "Function", guarded);
        Replace((ObjectInstance)function.Get("prototype"), "constructor", guarded);
    }

    private static void Check(SandboxErrors errors, string text, string what)
    {
        if (ScriptSource.WhyRefused(text, what) is { } reason)
        {
            throw new JavaScriptException(errors.SyntaxError, reason);
        }
    }
}
