using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// End events: a none end consumes the token; a terminate end withdraws every token of its scope
/// (BPMN 2.0 §10.5.3: the instance ends normally, so it is <c>completed</c>, not <c>terminated</c>); an error
/// end throws its error outward (uncaught: an incident); an escalation end throws its escalation, then ends; a
/// signal end broadcasts its signal and a message end publishes its message (one without a message is a none
/// end, as in Camunda), both delivered once this run has committed; a cancel end cancels the transaction it sits in,
/// whose cancel boundary event then takes over.
/// </summary>
public sealed class EndEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var end = (EndEvent)node;
        if (end.Trigger is CancelEventDefinition)
        {
            return end.Container is TransactionSubProcess transaction && transaction.BoundaryEvents.Any(b => b.Trigger is CancelEventDefinition)
                ? null
                : $"Cancel end event '{end.DisplayName}' must sit directly inside a transaction subprocess that has a cancel boundary event (BPMN 2.0 §10.5.3).";
        }

        return end.EventDefinitions.Count == 0
            || end.Trigger is TerminateEventDefinition or ErrorEventDefinition or EscalationEventDefinition or MessageEventDefinition
            || (end.Trigger is SignalEventDefinition signal && EventSubscriptions.SignalName(signal) is not null)
            ? null
            : $"'{end.DisplayName}' is a {string.Join("/", end.EventDefinitions.Select(d => d.ElementName))} end event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        var trigger = ((EndEvent)node).Trigger;
        switch (trigger)
        {
            case TerminateEventDefinition:
                execution.TerminateScope(token, node);
                return;
            case ErrorEventDefinition error:
                execution.ThrowError(token, node, error.Error);
                return;
            case CancelEventDefinition:
                execution.CancelTransaction(token, node);
                return;
        }

        if (execution.Throw(token, node, trigger))
        {
            execution.Consume(token, node);
        }
    }
}
