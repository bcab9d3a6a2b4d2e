using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Puts a length check in front of the built-ins that walk every index of an array-like in .NET, where Jint counts
/// no statement and checks no clock: <c>var a = []; a.length = 4294967295; a.concat([1])</c> would otherwise burn a
/// core for about a minute after the run's answer, and <c>{length: 2**53 - 1}</c> as a locale list for ever. Every
/// <c>Array.prototype</c> method (its iterator included, which spread and destructuring use) refuses a receiver —
/// and <c>concat</c> an argument — longer than <see cref="ScriptLimits.MaxArrayLength"/>; the <c>toLocale…</c>
/// methods refuse such a locale list.
/// </summary>
internal static class BuiltInGuards
{
    public static void Install(JsEngine engine, SandboxErrors errors, uint maxLength)
    {
        var arrayPrototype = engine.Intrinsics.Array.PrototypeObject;
        var wrappers = new Dictionary<Function, ClrFunction>(ReferenceEqualityComparer.Instance);
        foreach (var (key, descriptor) in arrayPrototype.GetOwnProperties().ToList())
        {
            if (descriptor.Value is not Function original || key is JsString { } name && name.ToString() == "constructor")
            {
                continue;
            }

            if (!wrappers.TryGetValue(original, out var wrapper))
            {
                var method = NameOf(original);
                var isConcat = method == "concat";
                var takesLocales = method == "toLocaleString";
                wrapper = Wrap(engine, original, (self, arguments) =>
                {
                    CheckLength(errors, self, maxLength, method);
                    if (isConcat)
                    {
                        foreach (var argument in arguments)
                        {
                            CheckLength(errors, argument, maxLength, method);
                        }
                    }

                    if (takesLocales)
                    {
                        CheckLocales(errors, Arguments.At(arguments, 0), maxLength);
                    }
                });
                wrappers[original] = wrapper;
            }

            // Same wrapper for `values` and `[Symbol.iterator]`: they are one function, and stay one.
            ScriptSandbox.Replace(arrayPrototype, key, wrapper);
        }

        // Jint refuses JSON nested past 64 levels itself; this says so in the words the script's own check uses.
        if (engine.Global.Get("JSON") is ObjectInstance json && json.Get("parse") is Function parse)
        {
            ScriptSandbox.Replace(json, "parse", Wrap(engine, parse, (_, arguments) =>
            {
                if (Arguments.At(arguments, 0) is JsString text && SourceNesting.FindTooDeep(text.ToString(), ScriptSandbox.MaxNesting) is not null)
                {
                    throw new JavaScriptException(errors.SyntaxError, $"Text passed to JSON.parse nests brackets more than {ScriptSandbox.MaxNesting} levels deep");
                }
            }));
        }

        GuardLocales(engine, errors, Prototype(engine, "String"), maxLength, ("localeCompare", 1), ("toLocaleUpperCase", 0), ("toLocaleLowerCase", 0));
        GuardLocales(engine, errors, Prototype(engine, "Number"), maxLength, ("toLocaleString", 0));
        GuardLocales(engine, errors, Prototype(engine, "Date"), maxLength, ("toLocaleString", 0), ("toLocaleDateString", 0), ("toLocaleTimeString", 0));
        GuardLocales(engine, errors, Prototype(engine, "Uint8Array")?.Prototype, maxLength, ("toLocaleString", 0));
    }

    private static void GuardLocales(JsEngine engine, SandboxErrors errors, ObjectInstance? prototype, uint maxLength, params (string Name, int LocalesAt)[] methods)
    {
        foreach (var (name, localesAt) in methods)
        {
            if (prototype?.Get(name) is Function original)
            {
                ScriptSandbox.Replace(prototype, name, Wrap(engine, original, (_, arguments) => CheckLocales(errors, Arguments.At(arguments, localesAt), maxLength)));
            }
        }
    }

    private static ClrFunction Wrap(JsEngine engine, Function original, Action<JsValue, JsValue[]> check) =>
        new(engine, NameOf(original), (self, arguments) =>
        {
            check(self, arguments);
            return engine.Call(original, self, arguments);
        }, (int)TypeConverter.ToNumber(original.Get("length")), PropertyFlag.Configurable);

    private static void CheckLocales(SandboxErrors errors, JsValue locales, uint maxLength)
    {
        if (locales is ObjectInstance list && TypeConverter.ToLength(list.Get("length")) > maxLength)
        {
            throw errors.Range($"A locale list may have at most {maxLength} entries in a script task");
        }
    }

    private static void CheckLength(SandboxErrors errors, JsValue value, uint maxLength, string method)
    {
        if (value is not ObjectInstance target)
        {
            return;
        }

        var length = target is JsArray array ? array.Length : TypeConverter.ToLength(target.Get("length"));
        if (length > maxLength)
        {
            throw errors.Range($"Array.prototype.{method}: length {length} is more than the {maxLength} a script task may use");
        }
    }

    private static ObjectInstance? Prototype(JsEngine engine, string constructor) =>
        engine.Global.Get(constructor) is ObjectInstance owner ? owner.Get("prototype") as ObjectInstance : null;

    private static string NameOf(Function function) => function.Get("name") is JsString name ? name.ToString() : "anonymous";
}
