using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// End events: a none end consumes the token; a terminate end withdraws every token of its scope (BPMN 2.0 §10.5.3:
/// the instance ends normally, so it is <c>completed</c>, not <c>terminated</c>); an error end throws its error outward
/// (uncaught: an incident); an escalation end throws its escalation, then ends; a signal end broadcasts its signal and a
/// message end publishes its message (one without a message is a none end, as in Camunda), both delivered once this run
/// has committed; a compensation end compensates its scope (or its <c>activityRef</c>) and ends when the handlers are
/// done; a cancel end cancels the transaction it sits in (<see cref="TransactionBehavior.CancelFrom"/>), whose cancel
/// boundary event then takes over. Waiting for handlers, the end event's token is their scope.
/// </summary>
public sealed class EndEventBehavior(Catching catching, Compensation compensation, TransactionBehavior transactions) : IScopeBehavior
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
            || end.Trigger is TerminateEventDefinition or ErrorEventDefinition or EscalationEventDefinition or MessageEventDefinition or CompensateEventDefinition
            || (end.Trigger is SignalEventDefinition signal && EventSubscriptions.SignalName(signal) is not null)
            ? null
            : $"'{end.DisplayName}' is a {string.Join("/", end.EventDefinitions.Select(d => d.ElementName))} end event, which this engine does not run yet.";
    }

    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        var trigger = ((EndEvent)node).Trigger;
        switch (trigger)
        {
            case TerminateEventDefinition:
                foreach (var other in context.TokensIn(context.ScopeOf(token)).Where(t => t != token).ToList())
                {
                    context.Withdraw(other);
                }

                context.Consume(token, node);
                return;
            case ErrorEventDefinition error:
                catching.ThrowError(context, token, node, new ThrownError(error.Error?.ErrorCode ?? error.Error?.Id, error.Error?.Name));
                return;
            case CancelEventDefinition:
                transactions.CancelFrom(context, token, node);
                return;
            case CompensateEventDefinition compensate:
                if (!compensation.Throw(context, token, node, compensate.ActivityRef))
                {
                    context.Consume(token, node);
                }

                return;
        }

        if (catching.Throw(context, token, node, trigger))
        {
            context.Consume(token, node);
        }
    }

    /// <summary>A compensation handler run by this end event is done: the next one starts, or the end event ends.</summary>
    public void ChildCompleted(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
        if (!compensation.HandlerCompleted(context, scope))
        {
            return;
        }

        context.Resume(scope);
        if (((EndEvent)node).Trigger is CancelEventDefinition)
        {
            transactions.Cancelled(context, scope, node);
        }
        else
        {
            context.Consume(scope, node);
        }
    }
}
