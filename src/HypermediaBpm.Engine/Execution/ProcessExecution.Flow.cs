using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>Token flow: entering, leaving, forking, ending and withdrawing tokens, whatever the element.</summary>
public sealed partial class ProcessExecution
{
    public Token Activate(FlowNode node, Token? scope, string? viaFlowId = null)
    {
        var token = Instance.NewToken(node.Id, scope?.Id, Now, viaFlowId);
        Schedule(token);
        return token;
    }

    /// <summary>Moves the token along one flow to its target and schedules it there.</summary>
    public void Move(Token token, SequenceFlow flow)
    {
        var node = Process.Node(token.ActivityId);
        _behaviors.For(node).Leaving(this, token, node, completed: true);
        RecordCompleted(token, node, flow.Id);
        Advance(token, flow);
    }

    /// <summary>
    /// Leaves a node the BPMN way: every outgoing flow without a condition or whose condition holds is taken
    /// (uncontrolled flows fork); when none is, the default flow; no outgoing flow ends the token. One instance of its
    /// scope's own activity (a loop's) returns to its scope instead.
    /// </summary>
    public void Leave(Token token, FlowNode node)
    {
        if (ScopeOf(token) is { } scope && scope.ActivityId == token.ActivityId)
        {
            Remove(token, node, completed: true);
            ScopeBehaviorOf(scope).ChildCompleted(this, scope, node, token);
            return;
        }

        var outgoing = node.Outgoing;
        if (outgoing.Count == 0)
        {
            Consume(token, node);
            return;
        }

        if (outgoing.Count == 1 && !HasCondition(outgoing[0]))
        {
            Move(token, outgoing[0]);
            return;
        }

        var defaultFlow = ProcessStructure.DefaultFlowOf(node);
        var taken = outgoing.Where(f => f != defaultFlow && ConditionHolds(f)).ToList();
        if (taken.Count == 0 && defaultFlow is not null)
        {
            taken.Add(defaultFlow);
        }

        if (taken.Count == 0)
        {
            Fail(token, node, "NO_OUTGOING_FLOW_MATCHED", $"No outgoing condition of '{node.DisplayName}' holds and it has no default flow.");
            return;
        }

        Fork(token, node, taken);
    }

    /// <summary>Sends the token down the first flow and a new token down each other one.</summary>
    public void Fork(Token token, FlowNode node, IReadOnlyList<SequenceFlow> flows)
    {
        if (flows.Count == 0)
        {
            Consume(token, node);
            return;
        }

        // The node completes once (recorded by the first token's move); siblings just set off, in flow order.
        Move(token, flows[0]);
        for (var i = 1; i < flows.Count; i++)
        {
            Advance(Instance.NewToken(node.Id, token.ScopeId, Now), flows[i]);
        }
    }

    /// <summary>A token absorbed by a join: it ends here without ending its scope.</summary>
    public void Merge(Token token, FlowNode node) => Remove(token, node, completed: true);

    /// <summary>The activity is done, but the token goes nowhere and its scope is not told (a thrower its catch ended).</summary>
    public void Complete(Token token, FlowNode node) => Remove(token, node, completed: true);

    /// <summary>
    /// The token ends here. When it ran inside a scope, the scope's behaviour hears of it (and leaves when it was the
    /// last); when it was the last token of the process, the instance is <c>completed</c>.
    /// </summary>
    public void Consume(Token token, FlowNode node)
    {
        Remove(token, node, completed: true);
        if (ScopeOf(token) is { } scope)
        {
            ScopeBehaviorOf(scope).ChildCompleted(this, scope, Process.Node(scope.ActivityId), token);
        }
        else if (token.ScopeId is null && Instance.Tokens.Count == 0)
        {
            _behaviors.Process.Ending(this);
            Instance.Complete(Now);
            Record(HistoryTypes.InstanceCompleted, null, null, null);
        }
    }

    /// <summary>
    /// Takes a token away without completing its activity (its work is cancelled). A scope token takes the tokens inside
    /// it along, innermost first; a token already gone is left alone.
    /// </summary>
    public void Withdraw(Token token)
    {
        if (_removed.Contains(token) || !Instance.Tokens.Contains(token))
        {
            return;
        }

        foreach (var inner in Instance.Tokens.Where(t => t.ScopeId == token.Id).ToList())
        {
            Withdraw(inner);
        }

        var node = Process.Node(token.ActivityId);
        _behaviors.For(node).Cancel(this, token, node);
        Instance.Incidents.RemoveAll(i => i.TokenId == token.Id);
        Remove(token, node, completed: false);
        if (ScopeOf(token) is { } scope)
        {
            ScopeBehaviorOf(scope).ChildTerminated(this, scope, Process.Node(scope.ActivityId), token);
        }
    }

    /// <summary>Moves a token to a node without a sequence flow (a link throw to its catch).</summary>
    public void Jump(Token token, FlowNode from, FlowNode to)
    {
        _behaviors.For(from).Leaving(this, token, from, completed: true);
        RecordCompleted(token, from, null);
        token.Variables = null;
        token.ActivityId = to.Id;
        token.ViaFlowId = null;
        token.Since = Now;
        Schedule(token);
    }

    private void Advance(Token token, SequenceFlow flow)
    {
        // Variables local to the activity just left (a subprocess's, a loop body's) stay behind.
        token.Variables = null;
        token.ActivityId = flow.Target!.Id;
        token.ViaFlowId = flow.Id;
        token.Since = Now;
        Schedule(token);
    }

    private void Remove(Token token, FlowNode node, bool completed)
    {
        Instance.Tokens.Remove(token);
        _removed.Add(token);
        _behaviors.For(node).Leaving(this, token, node, completed);
        if (completed)
        {
            RecordCompleted(token, node, null);
        }
        else
        {
            _startedHere.Remove(token);
            Record(HistoryTypes.ActivityCancelled, node, token, null);
        }
    }

    /// <summary>
    /// An activity that started in this same command turns its start event into one <c>activity-passed</c>
    /// (same time, same incoming flow): half the history rows for everything that does not wait.
    /// </summary>
    private void RecordCompleted(Token token, FlowNode node, string? outgoingFlowId)
    {
        if (_startedHere.Remove(token, out var index))
        {
            Effects.History[index] = Effects.History[index] with { Type = HistoryTypes.ActivityPassed };
            return;
        }

        Record(HistoryTypes.ActivityCompleted, node, token, outgoingFlowId);
    }

    private IScopeBehavior ScopeBehaviorOf(Token scope) => (IScopeBehavior)_behaviors.For(Process.Node(scope.ActivityId));
}
