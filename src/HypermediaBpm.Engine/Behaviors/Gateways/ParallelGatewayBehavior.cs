using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Gateways;

/// <summary>
/// Parallel (AND) gateway: waits until a token has arrived on every incoming flow, merges them into one,
/// then forks a token onto every outgoing flow. Conditions on outgoing flows are ignored, as the spec says.
/// </summary>
public sealed class ParallelGatewayBehavior : IFlowNodeBehavior
{
    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        if (node.Incoming.Count > 1)
        {
            execution.Join(token);
            var arrived = execution.Instance.Tokens
                .Where(t => t.ActivityId == node.Id && t.ScopeId == token.ScopeId && t.State == TokenState.Joining)
                .ToList();

            // One token per incoming flow completes the join; extra tokens on a flow wait for the next round.
            var oneEach = new List<Token>(node.Incoming.Count);
            foreach (var flow in node.Incoming)
            {
                var match = arrived.Find(t => t.ViaFlowId == flow.Id);
                if (match is null)
                {
                    return;
                }

                oneEach.Add(match);
            }

            foreach (var merged in oneEach.Where(t => t != token))
            {
                execution.Merge(merged, node);
            }

            execution.Resume(token);
        }

        execution.Fork(token, node, node.Outgoing);
    }
}
