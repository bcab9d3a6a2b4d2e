using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Start events. A none start is where a process or subprocess begins on request; a timer, message or signal
/// start of a process holds a start subscription (opened at deploy) whose firing begins an instance; the start
/// event of an event subprocess is fired by its trigger (<see cref="EventTriggerTable"/>). Either way the token
/// then leaves.
/// </summary>
public sealed class StartEventBehavior(EventTriggerTable triggers) : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var start = (StartEvent)node;
        if (start.EventDefinitions.Count == 0)
        {
            return null;
        }

        if (start.Container is SubProcess { TriggeredByEvent: true })
        {
            return triggers.WhyUnsupported(start, "event subprocess start event");
        }

        if (start.Trigger is { } trigger && EventSubscriptions.Waits(trigger))
        {
            return EventSubscriptions.WhyUnsupported(start, trigger, cycleAllowed: true);
        }

        return $"'{start.DisplayName}' is a {string.Join("/", start.EventDefinitions.Select(d => d.ElementName))} start event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node) => execution.Leave(token, node);
}
