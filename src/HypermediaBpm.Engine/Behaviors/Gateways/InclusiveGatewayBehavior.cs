using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Gateways;

/// <summary>
/// Inclusive (OR) gateway. Joining, it waits only for tokens that can still arrive (none left upstream in its
/// scope), then merges one token per incoming flow. Splitting, it takes every outgoing flow whose condition
/// holds; the default flow only when none does; none at all is an incident.
/// </summary>
public sealed class InclusiveGatewayBehavior : IJoinBehavior
{
    /// <summary>Asked again once nothing else is ready: the token that ended elsewhere may have been the last one it waited for.</summary>
    public bool CanFire(IBehaviorContext execution, Token joining, FlowNode node) => execution.NothingUpstream(joining, node);

    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        var gateway = (InclusiveGateway)node;
        if (gateway.Incoming.Count > 1)
        {
            execution.Join(token);
            if (!execution.NothingUpstream(token, gateway))
            {
                return;
            }

            var flows = new HashSet<string?>(StringComparer.Ordinal) { token.ViaFlowId };
            var arrived = execution.Instance.Tokens
                .Where(t => t != token && t.ActivityId == node.Id && t.ScopeId == token.ScopeId && t.State == TokenState.Joining)
                .ToList();
            foreach (var other in arrived)
            {
                if (flows.Add(other.ViaFlowId))
                {
                    execution.Merge(other, node);
                }
            }

            execution.Resume(token);
        }

        var taken = gateway.Outgoing.Where(f => f != gateway.DefaultFlow && execution.ConditionHolds(f)).ToList();
        if (taken.Count == 0 && gateway.DefaultFlow is { } defaultFlow)
        {
            taken.Add(defaultFlow);
        }

        if (taken.Count == 0)
        {
            execution.Fail(token, node, "NO_OUTGOING_FLOW_MATCHED",
                $"No condition of inclusive gateway '{gateway.DisplayName}' holds and it has no default flow.");
            return;
        }

        execution.Fork(token, node, taken);
    }
}
