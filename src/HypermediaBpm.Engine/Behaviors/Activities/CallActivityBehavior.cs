using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// Call activity: starts an instance of another deployed process (by key, <c>calledElement</c> or
/// <c>zeebe:calledElement processId</c>, either may be an expression) and waits until it ends; then the
/// called instance's variables are mapped back and the activity leaves. Which variables cross: Camunda's
/// <c>camunda:in</c>/<c>camunda:out</c> (a variable, an expression, or <c>variables="all"</c>) and Zeebe's
/// <c>zeebe:ioMapping</c>. Without mappings a Camunda or plain BPMN call passes nothing and a Zeebe call
/// passes everything both ways (each engine's own default). A key that is not deployed when the token
/// arrives is an incident on the activity, raised when the engine resolves the call.
/// </summary>
public sealed class CallActivityBehavior : IFlowNodeBehavior
{
    private const string AllVariables = "*";

    public string? WhyUnsupported(FlowNode node)
    {
        var call = (CallActivity)node;
        if (string.IsNullOrWhiteSpace(call.CalledElement))
        {
            return $"Call activity '{call.DisplayName}' does not say which process it calls (calledElement).";
        }

        if (TemplateHasError(call.CalledElement) is { } error)
        {
            return $"The calledElement of '{call.DisplayName}' does not parse: {error.Message}";
        }

        return Binding(call.Binding) switch
        {
            null => $"Call activity '{call.DisplayName}' has the binding '{call.Binding}'; this engine knows latest, version and deployment.",
            CallBinding.Version when string.IsNullOrWhiteSpace(call.Version) =>
                $"Call activity '{call.DisplayName}' binds a version but names none (camunda:calledElementVersion).",
            _ => null,
        };
    }

    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        var call = (CallActivity)node;
        var key = execution.EvaluateText(call.CalledElement!)?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            throw new ModelRuntimeException("CALLED_ELEMENT_EMPTY", $"The calledElement '{call.CalledElement}' of '{call.DisplayName}' is empty.");
        }

        var binding = Binding(call.Binding)!.Value;
        int? version = null;
        if (binding == CallBinding.Version)
        {
            var text = execution.EvaluateText(call.Version!);
            version = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new ModelRuntimeException("CALLED_VERSION_INVALID",
                    $"The calledElementVersion '{call.Version}' of '{call.DisplayName}' is '{text}', not a version number.");
        }

        execution.Call(token, new CallRequest(token, call, key, binding, version, BusinessKey(execution, call), Inputs(execution, call)));
    }

    /// <summary>The called instance ended; <paramref name="variables"/> are its variables.</summary>
    public void Trigger(IBehaviorContext execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        var call = (CallActivity)node;
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (call.OutputMappings.Count == 0 && call.PropagateAllChildVariables)
        {
            Copy(variables, outputs);
        }

        var resolver = new DictionaryVariableResolver(variables);
        foreach (var mapping in call.OutputMappings)
        {
            if (mapping.Target == AllVariables)
            {
                Copy(variables, outputs);
            }
            else
            {
                outputs[mapping.Target] = mapping switch
                {
                    { Source: null } => null,
                    { SourceIsVariable: true } => variables.GetValueOrDefault(mapping.Source),
                    _ => execution.Process.Template(mapping.Source).Evaluate(resolver),
                };
            }
        }

        execution.SetVariables(outputs, node);
        execution.Leave(token, node);
    }

    /// <summary>Withdrawn while it waits: the instance it called is cancelled with it.</summary>
    public void Cancel(IBehaviorContext execution, Token token, FlowNode node)
    {
        if (token.CalledInstanceId is { } called)
        {
            execution.CancelCalled(called);
            token.CalledInstanceId = null;
        }
    }

    private static Dictionary<string, object?> Inputs(IBehaviorContext execution, CallActivity call)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (call.PropagateAllParentVariables)
        {
            Copy(execution.VisibleVariables(), inputs);
        }

        foreach (var mapping in call.InputMappings)
        {
            if (mapping.Target == AllVariables)
            {
                Copy(execution.VisibleVariables(), inputs);
            }
            else
            {
                inputs[mapping.Target] = mapping switch
                {
                    { Source: null } => null,
                    { SourceIsVariable: true } => execution.Variables.TryGetVariable(mapping.Source, out var value) ? value : null,
                    _ => execution.Process.Template(mapping.Source).Evaluate(execution.Variables),
                };
            }
        }

        return inputs;
    }

    /// <summary>
    /// <c>camunda:in businessKey</c>, evaluated with the variables plus Camunda's <c>execution.processBusinessKey</c>,
    /// the one property of <c>execution</c> such a mapping uses.
    /// </summary>
    private static string? BusinessKey(IBehaviorContext execution, CallActivity call)
    {
        if (call.BusinessKey is not { Length: > 0 } text)
        {
            return null;
        }

        var executionObject = new Dictionary<string, object?> { ["processBusinessKey"] = execution.Instance.BusinessKey };
        var value = execution.Process.Template(text).Evaluate(new WithExecution(execution.Variables, executionObject));
        var key = Convert.ToString(value, CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    private static void Copy(IReadOnlyDictionary<string, object?> from, Dictionary<string, object?> to)
    {
        foreach (var (name, value) in from)
        {
            to[name] = value;
        }
    }

    private static CallBinding? Binding(string? binding) => binding?.Trim().ToLowerInvariant() switch
    {
        null or "" or "latest" => CallBinding.Latest,
        "version" => CallBinding.Version,
        "deployment" => CallBinding.Deployment,
        _ => null,
    };

    private static ExpressionSyntaxException? TemplateHasError(string text)
    {
        try
        {
            ExpressionCompiler.CompileTemplate(text);
            return null;
        }
        catch (ExpressionSyntaxException e)
        {
            return e;
        }
    }

    /// <summary>The caller's variables with <c>execution</c> added (a variable of that name still wins).</summary>
    private sealed class WithExecution(IVariableResolver variables, IReadOnlyDictionary<string, object?> execution) : IVariableResolver
    {
        public bool TryGetVariable(string name, out object? value)
        {
            if (variables.TryGetVariable(name, out value))
            {
                return true;
            }

            value = execution;
            return name == "execution";
        }
    }
}
