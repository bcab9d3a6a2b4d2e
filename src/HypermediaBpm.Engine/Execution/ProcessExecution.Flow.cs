using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

public sealed partial class ProcessExecution
{
    /// <summary>True when the flow carries a condition (default flows never do).</summary>
    public bool HasCondition(SequenceFlow flow) => Process.Conditions.ContainsKey(flow.Id);

    public bool ConditionHolds(SequenceFlow flow) =>
        !Process.Conditions.TryGetValue(flow.Id, out var condition) || condition.EvaluateCondition(Variables);

    /// <summary>Moves the token along one flow to its target and schedules it there.</summary>
    public void Move(Token token, SequenceFlow flow)
    {
        var node = Process.Node(token.ActivityId);
        if (node is Activity { BoundaryEvents.Count: > 0 } activity && token.LoopCounter is null)
        {
            CloseBoundaries(token, activity);
        }

        RecordCompleted(token, node, flow.Id);
        Advance(token, flow);
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

    /// <summary>
    /// Leaves an activity or event the BPMN way: every outgoing flow without a condition or whose condition
    /// holds is taken (uncontrolled flows fork); when none is, the default flow; no outgoing flow ends the token.
    /// </summary>
    public void Leave(Token token, FlowNode node)
    {
        if (token.LoopCounter is not null)
        {
            CompleteLoopInstance(token, (Activity)node);
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

        var defaultFlow = (node as Activity)?.DefaultFlow;
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
    public void Merge(Token token, FlowNode node) => Remove(token, node, HistoryTypes.ActivityCompleted);

    /// <summary>
    /// The token ends here. When it was the last one of its scope, the scope completes: a subprocess leaves by
    /// its outgoing flows, the process instance is <c>completed</c>.
    /// </summary>
    public void Consume(Token token, FlowNode node)
    {
        Remove(token, node, HistoryTypes.ActivityCompleted);
        if (token.ScopeId is null)
        {
            if (Instance.Tokens.Count == 0)
            {
                CloseEventSubProcesses(null, Process.Process);
                Instance.Complete(Now);
                Record(HistoryTypes.InstanceCompleted, null, null, null);
            }
        }
        else
        {
            CompleteScopeIfEmpty(token.ScopeId);
        }
    }

    /// <summary>Terminate end: withdraws every other token of the scope (with everything inside them), then ends this one.</summary>
    public void TerminateScope(Token token, FlowNode node)
    {
        foreach (var other in Instance.Tokens.Where(t => t != token && t.ScopeId == token.ScopeId).ToList())
        {
            Withdraw(other);
        }

        Consume(token, node);
    }

    /// <summary>
    /// Takes a token away without completing its activity (its task is cancelled). A scope token takes the
    /// tokens inside it along, innermost first; a token already gone is left alone.
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

        if (token.CalledInstanceId is { } called)
        {
            CalledInstancesToCancel.Add(called);
            token.CalledInstanceId = null;
        }

        if (token.WorkItemId is not null)
        {
            var node = Process.Node(token.ActivityId);
            _behaviors.For(node).Cancel(this, token, node);
        }

        CancelParticipants(token);
        Instance.Incidents.RemoveAll(i => i.TokenId == token.Id);
        Remove(token, Process.Node(token.ActivityId), HistoryTypes.ActivityCancelled);
    }

    /// <summary>Cancels the user task the token waits on (what withdrawing a waiting user task means).</summary>
    public void CancelTask(Token token)
    {
        if (token.WorkItemId is { } taskId)
        {
            var createdNow = Tasks.FindIndex(t => t.Id == taskId);
            if (createdNow >= 0)
            {
                Tasks[createdNow] = Tasks[createdNow] with { State = TaskStates.Cancelled, UpdatedAt = Now };
            }
            else
            {
                CancelledTaskIds.Add(taskId);
            }

            Record(HistoryTypes.TaskCancelled, Process.Node(token.ActivityId), token, null, $"{{\"task\":\"{taskId}\"}}");
            token.WorkItemId = null;
        }
    }

    private void Remove(Token token, FlowNode node, string historyType)
    {
        Instance.Tokens.Remove(token);
        _removed.Add(token);
        if (node is Activity activity)
        {
            if (activity.BoundaryEvents.Count > 0 && token.LoopCounter is null)
            {
                CloseBoundaries(token, activity);
            }

            if (activity is SubProcess subProcess && !IsLoopBody(token, activity))
            {
                CloseEventSubProcesses(token, subProcess);
            }
        }

        if (historyType == HistoryTypes.ActivityCompleted)
        {
            RecordCompleted(token, node, null);
        }
        else
        {
            _startedHere.Remove(token);
            Record(historyType, node, token, null);
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
            History[index] = History[index] with { Type = HistoryTypes.ActivityPassed };
            return;
        }

        Record(HistoryTypes.ActivityCompleted, node, token, outgoingFlowId);
    }
}
