using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>
/// Service, send and business rule tasks done by external workers (<c>camunda:type="external"</c> with
/// <c>camunda:topic</c>, or <c>zeebe:taskDefinition type</c>): a job is created for the topic and the token
/// waits until it is completed. The job's variables are set on the instance, or, when the task has output
/// mappings (<c>zeebe:output</c>), only what the mappings compute from them. A send task without a topic
/// publishes its message instead. A task that says nothing about how it is done (no topic, class, expression,
/// connector, message or decision: what a modeller draws before anyone decides) is work for a worker too, on the
/// topic named after the task's id. A task with a <c>camunda:expression</c> (and no topic) evaluates it — a JUEL or FEEL
/// expression, which can read variables but call nothing — stores the value in its <c>camunda:resultVariable</c>, if any,
/// and moves on.
/// </summary>
public sealed class ExternalTaskBehavior : IFlowNodeBehavior
{
    /// <summary>Retries of a job whose task does not say (Camunda's default).</summary>
    public const int DefaultRetries = 3;

    /// <summary>
    /// The topic of HTTP service tasks (<c>camunda:connector</c> with <c>http-connector</c>): their jobs are done by
    /// the server's own HTTP worker after the step's transaction commits, never inside a request.
    /// </summary>
    public const string HttpConnectorTopic = "http-connector";

    public string? WhyUnsupported(FlowNode node)
    {
        var task = (ServiceTask)node;
        if (IsExternal(task) || HasNoImplementation(task) || IsHttp(task))
        {
            return null;
        }

        if (IsExpression(task))
        {
            try
            {
                _ = Expressions.ExpressionCompiler.CompileTemplate(task.Expression!.Trim());
                return null;
            }
            catch (Expressions.ExpressionSyntaxException e)
            {
                return $"The camunda:expression of '{task.DisplayName}' does not parse: {e.Message}";
            }
        }

        if (task.ConnectorId is { } connector)
        {
            return $"{task.ElementName} '{task.DisplayName}' uses the connector '{connector}'; this engine runs only '{HttpConnectorTopic}' (and external tasks).";
        }

        if (task is SendTask { Message: not null } send && send.Message.Name is { Length: > 0 })
        {
            return null;
        }

        return $"{task.ElementName} '{task.DisplayName}' has no external topic (camunda:type=\"external\" camunda:topic, or zeebe:taskDefinition type); "
            + "this engine runs such tasks as jobs for workers" + (task is SendTask ? ", or a send task with a named message." : ".");
    }

    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        var task = (ServiceTask)node;
        if (HasNoImplementation(task))
        {
            execution.CreateJob(token, node, task.Id, DefaultRetries);
            return;
        }

        if (IsExpression(task))
        {
            var value = execution.Process.Template(task.Expression!.Trim()).Evaluate(execution.Variables);
            if (task.ResultVariable is { Length: > 0 } target)
            {
                execution.SetVariable(target, value, node);
            }

            execution.Leave(token, node);
            return;
        }

        if (IsHttp(task))
        {
            var httpRetries = task.ConnectorInputs.FirstOrDefault(i => i.Target == HttpConnectorInputs.Retries)?.Source is { } r1
                && HttpConnectorInputs.TryParseTries(execution.EvaluateText(r1) ?? string.Empty, out var h) ? h : DefaultRetries;
            execution.CreateJob(token, node, HttpConnectorTopic, httpRetries);
            return;
        }

        if (!IsExternal(task))
        {
            var message = (SendTask)task;
            execution.PublishMessage(message.Message!.Name!, execution.CorrelationKeyOf(message.Message.CorrelationKey));
            execution.Leave(token, node);
            return;
        }

        var topic = execution.EvaluateText(task.Topic!) ?? task.Topic!;
        // At least one try: a job created with no retries is one no worker may lock, and its instance would wait for ever.
        var retries = task.Retries is { Length: > 0 } r && int.TryParse(execution.EvaluateText(r), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? Math.Max(1, n)
            : DefaultRetries;
        execution.CreateJob(token, node, topic, retries);
    }

    public void Trigger(IBehaviorContext execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        var task = (ServiceTask)node;
        if (task.OutputMappings.Count == 0)
        {
            execution.SetVariables(variables, node);
        }
        else
        {
            var scope = new LayeredVariables(variables, execution.Variables);
            var mapped = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var mapping in task.OutputMappings)
            {
                mapped[mapping.Target] = mapping.Source is { Length: > 0 } source ? execution.Process.Template(source.Trim()).Evaluate(scope) : null;
            }

            execution.SetVariables(mapped, node);
        }

        execution.Leave(token, node);
    }

    public void Cancel(IBehaviorContext execution, Token token, FlowNode node) => execution.RemoveJob(token, completed: false);

    private static bool IsExternal(ServiceTask task) =>
        task.Topic is { Length: > 0 } && (task.ImplementationType is null || string.Equals(task.ImplementationType, "external", StringComparison.OrdinalIgnoreCase));

    /// <summary>An HTTP service task: Camunda's http-connector, done by the server's HTTP worker.</summary>
    public static bool IsHttp(ServiceTask task) => string.Equals(task.ConnectorId, HttpConnectorTopic, StringComparison.Ordinal);

    private static bool IsExpression(ServiceTask task) =>
        task.ExpressionAttribute == "expression" && string.IsNullOrEmpty(task.Topic) && task.ConnectorId is null && task.ImplementationType is null;

    private static bool HasNoImplementation(ServiceTask task) =>
        string.IsNullOrEmpty(task.Topic) && task.ImplementationType is null && task.Expression is null && task.ConnectorId is null
        && task is not SendTask { Message: not null } and not BusinessRuleTask { DecisionRef: not null };

    /// <summary>The job's variables over the instance's: what output mappings see (Zeebe's local scope).</summary>
    private sealed class LayeredVariables(IReadOnlyDictionary<string, object?> local, IVariableResolver outer) : IVariableResolver
    {
        public bool TryGetVariable(string name, out object? value) =>
            local.TryGetValue(name, out value) || outer.TryGetVariable(name, out value);
    }
}
