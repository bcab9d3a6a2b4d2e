using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Intermediate throw events: none (passes through); escalation (thrown outward, then the token carries on unless an
/// interrupting catcher ended it); link (jumps to the link catch event of the same name in the same scope); signal
/// (broadcast) and message (published to the same name and correlation key a catch would use), both delivered once this
/// run has committed, so the thrower never catches its own signal with a catch it reaches later in the same run;
/// compensation (its scope's completed activities, or its <c>activityRef</c>, are compensated while it waits, then it
/// goes on).
/// </summary>
public sealed class IntermediateThrowEventBehavior(Catching catching, Compensation compensation) : IScopeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var thrower = (IntermediateThrowEvent)node;
        return thrower.EventDefinitions.Count == 0
            || thrower.Trigger is EscalationEventDefinition or LinkEventDefinition or CompensateEventDefinition
            || (thrower.Trigger is MessageEventDefinition or SignalEventDefinition && EventSubscriptions.WhyUnsupported(thrower, thrower.Trigger, false) is null)
            ? null
            : $"'{thrower.DisplayName}' is a {string.Join("/", thrower.EventDefinitions.Select(d => d.ElementName))} intermediate throw event, which this engine does not run yet.";
    }

    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        var trigger = ((IntermediateThrowEvent)node).Trigger;
        if (trigger is LinkEventDefinition)
        {
            context.Jump(token, node, context.Process.Structure.LinkTarget(node));
            return;
        }

        if (trigger is CompensateEventDefinition compensate)
        {
            if (!compensation.Throw(context, token, node, compensate.ActivityRef))
            {
                context.Leave(token, node);
            }

            return;
        }

        if (catching.Throw(context, token, node, trigger))
        {
            context.Leave(token, node);
        }
    }

    /// <summary>A compensation handler run by this event is done: the next one starts, or the event goes on.</summary>
    public void ChildCompleted(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
        if (compensation.HandlerCompleted(context, scope))
        {
            context.Resume(scope);
            context.Leave(scope, node);
        }
    }
}
