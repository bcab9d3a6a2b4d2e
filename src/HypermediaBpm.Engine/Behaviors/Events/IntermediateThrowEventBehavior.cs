using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Intermediate throw events: none (passes through), escalation (thrown outward, then the token carries on
/// unless an interrupting catcher ended it) and link (jumps to the link catch event of the same name in the
/// same scope).
/// </summary>
public sealed class IntermediateThrowEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var thrower = (IntermediateThrowEvent)node;
        return thrower.EventDefinitions.Count == 0 || thrower.Trigger is EscalationEventDefinition or LinkEventDefinition
            ? null
            : $"'{thrower.DisplayName}' is a {string.Join("/", thrower.EventDefinitions.Select(d => d.ElementName))} intermediate throw event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        switch (((IntermediateThrowEvent)node).Trigger)
        {
            case LinkEventDefinition:
                execution.Jump(token, node, execution.Process.Structure.LinkTarget(node));
                break;
            case EscalationEventDefinition escalation:
                execution.ThrowEscalation(token, node, escalation.Escalation);
                if (execution.IsActive(token))
                {
                    execution.Leave(token, node);
                }

                break;
            default:
                execution.Leave(token, node);
                break;
        }
    }
}
