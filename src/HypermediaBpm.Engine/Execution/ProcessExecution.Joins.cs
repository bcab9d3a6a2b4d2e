using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

public sealed partial class ProcessExecution
{
    /// <summary>
    /// Whether an inclusive join may fire for <paramref name="arrived"/>: no other token of its scope (or
    /// inside a subprocess of its scope) sits where it could still reach the join, and none is about to
    /// arrive. The nodes that can reach each join are worked out at deploy time.
    /// </summary>
    public bool CanJoin(Token arrived, FlowNode join)
    {
        var upstream = Process.Structure.UpstreamOf(join);
        foreach (var other in Instance.Tokens)
        {
            var at = other;
            while (at is not null && at.ScopeId != arrived.ScopeId)
            {
                at = ScopeOf(at);
            }

            if (at is null)
            {
                continue; // outside the join's scope
            }

            if (at.ActivityId == join.Id)
            {
                if (at.State == TokenState.Joining)
                {
                    continue;
                }

                return false;
            }

            if (upstream.Contains(at.ActivityId))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Once the agenda is empty: a token that ended elsewhere may have been the last one an inclusive join was
    /// waiting for. Schedules one such join again; the caller runs the agenda and asks again.
    /// </summary>
    private bool ReconsiderJoins()
    {
        foreach (var token in Instance.Tokens)
        {
            if (token.State == TokenState.Joining && Process.Node(token.ActivityId) is InclusiveGateway join && CanJoin(token, join))
            {
                Schedule(token);
                return true;
            }
        }

        return false;
    }
}
