using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsEngine = Jint.Engine;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// The globals a script sees: Camunda's <c>execution.getVariable/setVariable/hasVariable</c>, bpmn-engine's
/// <c>environment.variables</c>, <c>variables</c> and <c>next(err, result)</c>, and each variable as a global
/// of its own (a copy). Only <c>execution.setVariable</c> changes variables; assigning to a copy does not.
/// </summary>
internal sealed class ScriptApi
{
    private static readonly HashSet<string> ApiNames = new(StringComparer.Ordinal) { "execution", "environment", "variables", "next" };

    private readonly JsEngine _engine;
    private readonly JsValueConverter _converter;
    private readonly Dictionary<string, object?> _current;
    private readonly Dictionary<string, object?> _set = new(StringComparer.Ordinal);
    private bool _nextCalled;
    private object? _nextResult;
    private string? _nextError;

    public ScriptApi(JsEngine engine, IReadOnlyDictionary<string, object?> variables)
    {
        _engine = engine;
        _converter = new JsValueConverter(engine);
        _current = new Dictionary<string, object?>(variables, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, object?> VariablesSet => _set;

    public void Install()
    {
        var execution = NewObject();
        AddFunction(execution, "getVariable", 1, arguments => _current.TryGetValue(Name(arguments), out var value) ? ToJs(value) : JsValue.Null);
        AddFunction(execution, "hasVariable", 1, arguments => _current.ContainsKey(Name(arguments)));
        AddFunction(execution, "getVariables", 0, _ => ToJs(_current));
        AddFunction(execution, "setVariable", 2, arguments =>
        {
            var name = Name(arguments);
            var value = Store(Arguments.At(arguments, 1), $"Variable '{name}'");
            _current[name] = value;
            _set[name] = value;
            return JsValue.Undefined;
        });

        var snapshot = ToJs(_current);
        var environment = NewObject();
        environment.FastSetDataProperty("variables", snapshot);
        _engine.SetValue("execution", execution);
        _engine.SetValue("environment", environment);
        _engine.SetValue("variables", snapshot);
        _engine.SetValue("next", new ClrFunction(_engine, "next", (_, arguments) => Next(arguments), 2, PropertyFlag.Configurable));

        var globals = snapshot.AsObject();
        foreach (var name in _current.Keys)
        {
            // A variable never hides the API or a JavaScript built-in such as Math or JSON.
            if (!ApiNames.Contains(name) && !_engine.Global.HasProperty(name))
            {
                _engine.SetValue(name, globals.Get(name));
            }
        }
    }

    /// <summary>What the run produced: <c>next</c>'s result if it was called, else the completion value.</summary>
    public ScriptResult Finish(JsValue completion)
    {
        if (_nextError is not null)
        {
            throw new ScriptException(ScriptException.FailedCode, $"Script reported an error through next(): {_nextError}");
        }

        object? value;
        try
        {
            value = _nextCalled ? _nextResult : _converter.FromJs(completion);
        }
        catch (NotStorableException e)
        {
            throw new ScriptException(ScriptException.FailedCode, $"Script result cannot be stored: {e.Message}");
        }

        return new ScriptResult(value, _set);
    }

    private JsValue Next(JsValue[] arguments)
    {
        if (_nextCalled)
        {
            return JsValue.Undefined;
        }

        _nextCalled = true;
        var error = Arguments.At(arguments, 0);
        if (!error.IsNull() && !error.IsUndefined())
        {
            _nextError = error.IsObject() && error.AsObject().Get("message") is var message && message.IsString()
                ? message.AsString()
                : TypeConverter.ToString(error);
        }
        else
        {
            _nextResult = Store(Arguments.At(arguments, 1), "The result passed to next()");
        }

        return JsValue.Undefined;
    }

    private object? Store(JsValue value, string what)
    {
        try
        {
            return _converter.FromJs(value);
        }
        catch (NotStorableException e)
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, $"{what} cannot be stored: {e.Message}");
        }
    }

    private JsValue ToJs(object? value)
    {
        try
        {
            return _converter.ToJs(value);
        }
        catch (NotStorableException e)
        {
            throw new ScriptException(ScriptException.FailedCode, $"Variables cannot be passed to the script: {e.Message}");
        }
    }

    private string Name(JsValue[] arguments)
    {
        var name = Arguments.At(arguments, 0);
        return name.IsString() ? name.AsString() : throw new JavaScriptException(_engine.Intrinsics.TypeError, "A variable name must be a string");
    }

    private JsObject NewObject() => new(_engine);

    private void AddFunction(ObjectInstance target, string name, int length, Func<JsValue[], JsValue> body) =>
        target.FastSetProperty(name, new PropertyDescriptor(
            new ClrFunction(_engine, name, (_, arguments) => body(arguments), length, PropertyFlag.Configurable),
            writable: true, enumerable: false, configurable: true));
}
