using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Gateways;

/// <summary>
/// Exclusive (XOR) gateway: joins by passing every token through; splits by taking the first outgoing flow
/// (in document order) whose condition holds, else the default flow. No match is an incident.
/// </summary>
public sealed class ExclusiveGatewayBehavior : IFlowNodeBehavior
{
    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        var gateway = (ExclusiveGateway)node;
        if (gateway.Outgoing.Count == 1 && gateway.DefaultFlow is null && !execution.HasCondition(gateway.Outgoing[0]))
        {
            execution.Move(token, gateway.Outgoing[0]);
            return;
        }

        foreach (var flow in gateway.Outgoing)
        {
            if (flow != gateway.DefaultFlow && execution.ConditionHolds(flow))
            {
                execution.Move(token, flow);
                return;
            }
        }

        if (gateway.DefaultFlow is not null)
        {
            execution.Move(token, gateway.DefaultFlow);
            return;
        }

        execution.Fail(token, node, "NO_OUTGOING_FLOW_MATCHED",
            $"No condition of exclusive gateway '{gateway.DisplayName}' holds and it has no default flow.");
    }
}
