using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// <c>transaction</c>: an embedded subprocess that is a try-confirm/cancel scope. Participants enlist on the
/// transaction's token while its tasks run. When the scope completes with participants, its token waits while the
/// coordinator confirms them (a <see cref="CoordinatorJobs.Confirm"/> job, done after this run commits); the outcome
/// moves it on (<see cref="FinishConfirm"/>): confirmed, it leaves; not confirmed, it takes its cancel boundary event
/// (or stops with an incident); heuristic, it stops with an incident. Whenever the token goes without completing — a
/// cancel end event, an interrupting boundary event, an event subprocess, a terminate end, a cancelled instance, a
/// modification — its participants are cancelled (a <see cref="CoordinatorJobs.Cancel"/> job that nothing waits for).
/// A cancel end event first compensates what completed inside the transaction (<see cref="Compensation"/>), then its
/// participants are cancelled and the cancel boundary event takes over.
/// </summary>
public sealed class TransactionBehavior(SubProcessBehavior subProcess, Catching catching, Compensation compensation) : IScopeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var transaction = (TransactionSubProcess)node;
        return transaction.TriggeredByEvent
            ? $"'{transaction.DisplayName}' is a transaction triggered by an event, which BPMN does not allow."
            : null;
    }

    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        token.Participants = null;
        subProcess.Execute(context, token, node);
    }

    /// <summary>The last path inside ended: with participants, the token waits for their confirmation; without, it leaves.</summary>
    public void ChildCompleted(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
        if (!SubProcessBehavior.IsEmpty(context, scope))
        {
            return;
        }

        if (scope.Participants is not { Count: > 0 } participants)
        {
            context.LeaveScope(scope);
            return;
        }

        context.Wait(scope);
        var job = context.AddJob(scope.Id, node, CoordinatorJobs.Topic, CoordinatorJobs.Retries, CoordinatorJobs.Payload(CoordinatorJobs.Confirm, participants));
        scope.WorkItemId = job.Id;
        RecordCoordination(context, ElementHistoryTypes.TransactionConfirming, node, scope, job, participants.Count);
    }

    /// <summary>Withdrawn while its participants were being confirmed: the confirmation job goes.</summary>
    public void Cancel(IBehaviorContext context, Token token, FlowNode node) => context.RemoveJob(token, completed: false);

    public void Leaving(IBehaviorContext context, Token token, FlowNode node, bool completed)
    {
        subProcess.Leaving(context, token, node, completed);
        if (!completed)
        {
            CancelParticipants(context, token, node);
        }
    }

    /// <summary>The token of the nearest <c>transaction</c> around <paramref name="token"/> (one instance of it, when it loops), or null.</summary>
    public static Token? TransactionOf(IBehaviorContext context, Token token)
    {
        for (var scope = context.ScopeOf(token); scope is not null; scope = context.ScopeOf(scope))
        {
            if (context.Process.Node(scope.ActivityId) is TransactionSubProcess transaction && !MultiInstanceBehavior.IsBody(scope, transaction))
            {
                return scope;
            }
        }

        return null;
    }

    /// <summary>
    /// Enlists the participant whose link the work of <paramref name="token"/> at <paramref name="node"/> returned in the
    /// nearest transaction around it; false (and nothing recorded) outside any transaction.
    /// </summary>
    public static bool Enlist(IBehaviorContext context, Token token, FlowNode node, string uri, DateTimeOffset expires)
    {
        if (TransactionOf(context, token) is not { } scope)
        {
            return false;
        }

        (scope.Participants ??= new()).Add(new EnlistedParticipant(uri, expires, node.Id));
        context.Record(ElementHistoryTypes.ParticipantEnlisted, node, token, null,
            $"{{\"token\":{JsonSerializer.Serialize(token.Id)},\"transaction\":{JsonSerializer.Serialize(scope.Id)}," +
            $"\"uri\":{JsonSerializer.Serialize(uri)},\"expires\":{JsonSerializer.Serialize(expires.UtcDateTime)}}}");
        return true;
    }

    /// <summary>
    /// A cancel end event: what completed inside the transaction is compensated first (the end event waits for its
    /// handlers); then everything in it is withdrawn, its participants cancelled, and its cancel boundary event (required
    /// at deploy time) takes over.
    /// </summary>
    public void CancelFrom(IBehaviorContext context, Token token, FlowNode node)
    {
        if (!compensation.Throw(context, token, node, activityRef: null))
        {
            Cancelled(context, token, node);
        }
    }

    /// <summary>
    /// The coordinator's outcome for the transaction that waits at <paramref name="scope"/>: confirmed, it leaves;
    /// heuristic, an incident; otherwise (nothing confirmed) its cancel boundary event, or an incident without one.
    /// </summary>
    public void FinishConfirm(IBehaviorContext context, Token scope, TransactionRecord outcome)
    {
        var transaction = (Activity)context.Process.Node(scope.ActivityId);
        context.RemoveJob(scope, completed: true);
        scope.Participants = null;
        RecordOutcome(context, transaction, scope, scope.Id, outcome);
        var confirmed = outcome.Participants.Count(p => p.State == TransactionParticipantStates.Confirmed);
        var which = $"{confirmed} of {outcome.Participants.Count} participant(s) of '{transaction.DisplayName}' confirmed (transaction {outcome.Id})";
        if (outcome.State == TransactionStates.Confirmed)
        {
            context.LeaveScope(scope);
        }
        else if (outcome.State == TransactionStates.Heuristic)
        {
            context.Fail(scope, transaction, IncidentCodes.TransactionHeuristic,
                $"The outcome is heuristic: {which}. Reconcile the participants by hand, then resolve this incident.");
        }
        else if (CancelBoundaryOf(context, scope) is { Boundary: { } boundary } cancel)
        {
            context.Resume(scope);
            catching.TriggerBoundary(context, cancel.Host, boundary, Catching.NoVariables);
        }
        else
        {
            context.Fail(scope, transaction, IncidentCodes.TransactionNotConfirmed,
                $"The transaction could not be confirmed: {which}; its participants had expired or were gone. Retry runs it again.");
        }
    }

    /// <summary>The coordinator's outcome of cancelling the participants of a transaction that is gone: recorded.</summary>
    public static void FinishCancel(IBehaviorContext context, JobRecord job, TransactionRecord outcome)
    {
        context.RemoveJob(job.Id, completed: true);
        RecordOutcome(context, context.Process.Node(job.ActivityId), null, job.TokenId, outcome);
    }

    /// <summary>After the compensation: the cancel end event ends, and the cancel boundary event takes over.</summary>
    public void Cancelled(IBehaviorContext context, Token token, FlowNode node)
    {
        var scope = context.ScopeOf(token)!;
        context.Complete(token, node);
        var (host, boundary) = CancelBoundaryOf(context, scope);
        catching.TriggerBoundary(context, host, boundary!, Catching.NoVariables);
    }

    /// <summary>A transaction's token is withdrawn: the participants it enlisted are cancelled once this run commits.</summary>
    private static void CancelParticipants(IBehaviorContext context, Token scope, FlowNode node)
    {
        if (scope.Participants is not { Count: > 0 } participants)
        {
            return;
        }

        var job = context.AddJob(scope.Id, node, CoordinatorJobs.Topic, CoordinatorJobs.Retries, CoordinatorJobs.Payload(CoordinatorJobs.Cancel, participants));
        scope.Participants = null;
        RecordCoordination(context, ElementHistoryTypes.TransactionCancelling, node, scope, job, participants.Count);
    }

    /// <summary>The cancel boundary event of a transaction's token, and the token it is attached to (a looping transaction's body).</summary>
    private static (Token Host, BoundaryEvent? Boundary) CancelBoundaryOf(IBehaviorContext context, Token transactionToken)
    {
        var transaction = (Activity)context.Process.Node(transactionToken.ActivityId);
        var host = transactionToken.LoopCounter is null ? transactionToken : context.ScopeOf(transactionToken)!;
        return (host, transaction.BoundaryEvents.FirstOrDefault(b => b.Trigger is CancelEventDefinition));
    }

    private static void RecordCoordination(IBehaviorContext context, string type, FlowNode node, Token scope, JobRecord job, int participants) =>
        context.Record(type, node, scope, null,
            $"{{\"token\":{JsonSerializer.Serialize(scope.Id)},\"job\":{JsonSerializer.Serialize(job.Id)},\"participants\":{participants}}}");

    /// <summary>The outcome in the history, at the transaction's token (<paramref name="scope"/> null: it is gone).</summary>
    private static void RecordOutcome(IBehaviorContext context, FlowNode node, Token? scope, string tokenId, TransactionRecord outcome)
    {
        var type = outcome.State switch
        {
            TransactionStates.Confirmed => ElementHistoryTypes.TransactionConfirmed,
            TransactionStates.Heuristic => ElementHistoryTypes.TransactionHeuristic,
            _ => ElementHistoryTypes.TransactionCancelled,
        };
        var participants = string.Join(",", outcome.Participants.Select(p =>
            $"{{\"uri\":{JsonSerializer.Serialize(p.Uri)},\"state\":{JsonSerializer.Serialize(p.State)}}}"));
        context.Record(type, node, scope, null,
            $"{{\"token\":{JsonSerializer.Serialize(tokenId)},\"transaction\":{JsonSerializer.Serialize(outcome.Id)}," +
            $"\"state\":{JsonSerializer.Serialize(outcome.State)},\"participants\":[{participants}]}}");
    }
}
