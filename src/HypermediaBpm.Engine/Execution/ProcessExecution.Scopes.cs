using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Scopes and token state. A scope (a subprocess, one instance of a loop, a throw event running compensation handlers)
/// is a token that waits at its node while the tokens inside it, whose <see cref="Token.ScopeId"/> is its id, run; its
/// behaviour hears when one of them completes or is withdrawn. Token state changes go through guarded methods.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>The scope token a token runs inside, or null at process level.</summary>
    public Token? ScopeOf(Token token)
    {
        // A loop, not List.Find with a lambda: this is asked for every token that leaves, and a flat process's tokens
        // have no scope, so it must cost nothing (a captured lambda would be allocated on every call).
        if (token.ScopeId is not { } id)
        {
            return null;
        }

        foreach (var candidate in Instance.Tokens)
        {
            if (candidate.Id == id)
            {
                return candidate;
            }
        }

        return null;
    }

    public IEnumerable<Token> TokensIn(Token? scope)
    {
        var id = scope?.Id;
        foreach (var token in Instance.Tokens)
        {
            if (token.ScopeId == id)
            {
                yield return token;
            }
        }
    }

    /// <summary>True while the token is still in the instance (not ended by an interrupting catch).</summary>
    public bool IsActive(Token token) => !_removed.Contains(token);

    /// <summary>The scope token waits while a token sets off from each start; the scope's behaviour decides what no start means.</summary>
    public void EnterScope(Token scope, IReadOnlyList<FlowNode> starts)
    {
        Wait(scope);
        foreach (var start in starts)
        {
            Activate(start, scope);
        }
    }

    /// <summary>The scope's work is done: it leaves by its outgoing flows (an instance of a loop returns to its body).</summary>
    public void LeaveScope(Token scope)
    {
        var saved = Variables.Current;
        Variables.Current = scope;
        Resume(scope);
        Leave(scope, Process.Node(scope.ActivityId));
        Variables.Current = saved;
    }

    public void RecordStarted(Token token, FlowNode node) => Record(HistoryTypes.ActivityStarted, node, token, null);

    /// <summary>
    /// Whether a join may fire for <paramref name="arrived"/>: no other token of its scope (or inside a subprocess of its
    /// scope) sits where it could still reach the join, and none is about to arrive. The nodes that can reach each join
    /// are worked out at deploy time.
    /// </summary>
    public bool NothingUpstream(Token arrived, FlowNode join)
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

    public void Wait(Token token) => Change(token, TokenState.Waiting, token.State is TokenState.Ready or TokenState.Waiting);

    public void Join(Token token) => Change(token, TokenState.Joining, token.State is TokenState.Ready or TokenState.Joining);

    public void Resume(Token token) => Change(token, TokenState.Ready, token.State is TokenState.Waiting or TokenState.Joining or TokenState.Ready);

    private static void Change(Token token, TokenState to, bool allowed)
    {
        if (!allowed)
        {
            throw new InvalidStateException("TOKEN_STATE_INVALID",
                $"Activity instance '{token.Id}' at '{token.ActivityId}' is {token.State.ToString().ToLowerInvariant()} and cannot become {to.ToString().ToLowerInvariant()}.",
                new Dictionary<string, object?> { ["activityInstance"] = token.Id, ["state"] = token.State.ToString() });
        }

        token.State = to;
    }
}
