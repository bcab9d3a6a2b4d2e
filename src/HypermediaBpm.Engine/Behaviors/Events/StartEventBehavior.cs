using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Start events. A none start begins an instance on request; a timer, message or signal start holds a start
/// subscription (opened at deploy) whose firing begins one. Either way the token simply leaves the event.
/// </summary>
public sealed class StartEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var start = (StartEvent)node;
        if (start.EventDefinitions.Count == 0)
        {
            return null;
        }

        if (start.Trigger is { } trigger && EventSubscriptions.Waits(trigger))
        {
            return EventSubscriptions.WhyUnsupported(start, trigger, cycleAllowed: true);
        }

        return $"'{start.DisplayName}' is a {string.Join("/", start.EventDefinitions.Select(d => d.ElementName))} start event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node) => execution.Leave(token, node);
}
