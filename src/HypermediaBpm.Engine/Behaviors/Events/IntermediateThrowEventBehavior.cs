using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Intermediate throw events: none (passes through); escalation (thrown outward, then the token carries on
/// unless an interrupting catcher ended it); link (jumps to the link catch event of the same name in the same
/// scope); signal (broadcast) and message (published to the same name and correlation key a catch would use),
/// both delivered once this run has committed, so the thrower never catches its own signal with a catch it
/// reaches later in the same run.
/// </summary>
public sealed class IntermediateThrowEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var thrower = (IntermediateThrowEvent)node;
        return thrower.EventDefinitions.Count == 0
            || thrower.Trigger is EscalationEventDefinition or LinkEventDefinition
            || (thrower.Trigger is MessageEventDefinition or SignalEventDefinition && EventSubscriptions.WhyUnsupported(thrower, thrower.Trigger, false) is null)
            ? null
            : $"'{thrower.DisplayName}' is a {string.Join("/", thrower.EventDefinitions.Select(d => d.ElementName))} intermediate throw event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        var trigger = ((IntermediateThrowEvent)node).Trigger;
        if (trigger is LinkEventDefinition)
        {
            execution.Jump(token, node, execution.Process.Structure.LinkTarget(node));
            return;
        }

        if (execution.Throw(token, node, trigger))
        {
            execution.Leave(token, node);
        }
    }
}
