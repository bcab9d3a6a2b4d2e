using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// <c>transaction</c> subprocesses as try-confirm/cancel scopes. Participants enlist on the transaction's token while
/// its tasks run. When the scope completes with participants, its token waits while the coordinator confirms them (a
/// <see cref="TransactionJobs.Confirm"/> job, done after this run commits); the outcome moves it on: confirmed, it
/// leaves; not confirmed, it takes its cancel boundary event (or stops with an incident); heuristic, it stops with an
/// incident. Whenever the token goes without completing — a cancel end event, an interrupting boundary event, an event
/// subprocess, a terminate end, a cancelled instance, a modification — its participants are cancelled (a
/// <see cref="TransactionJobs.Cancel"/> job that nothing waits for).
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>How often the coordinator job is handed out again when the worker fails it before an incident opens.</summary>
    public const int TransactionJobRetries = 3;

    /// <summary>No variables: what a catch or a fired timer that carries none sets.</summary>
    internal static readonly IReadOnlyDictionary<string, object?> NoVariables = new Dictionary<string, object?>();

    /// <summary>The token of the nearest <c>transaction</c> around <paramref name="token"/> (one instance of it, when it loops), or null.</summary>
    public Token? TransactionOf(Token token)
    {
        for (var scope = ScopeOf(token); scope is not null; scope = ScopeOf(scope))
        {
            if (Process.Node(scope.ActivityId) is TransactionSubProcess transaction && !IsLoopBody(scope, transaction))
            {
                return scope;
            }
        }

        return null;
    }

    /// <summary>How many participants the nearest transaction around <paramref name="token"/> has enlisted (0 outside any).</summary>
    public int EnlistedAround(Token token) => TransactionOf(token)?.Participants?.Count ?? 0;

    /// <summary>
    /// Enlists the participant whose link the work of <paramref name="token"/> at <paramref name="node"/> returned in the
    /// nearest transaction around it; false (and nothing recorded) outside any transaction.
    /// </summary>
    public bool Enlist(Token token, FlowNode node, string uri, DateTimeOffset expires)
    {
        if (TransactionOf(token) is not { } scope)
        {
            return false;
        }

        (scope.Participants ??= new()).Add(new EnlistedParticipant(uri, expires, node.Id));
        Record(HistoryTypes.ParticipantEnlisted, node, token, null,
            $"{{\"token\":{JsonSerializer.Serialize(token.Id)},\"transaction\":{JsonSerializer.Serialize(scope.Id)}," +
            $"\"uri\":{JsonSerializer.Serialize(uri)},\"expires\":{JsonSerializer.Serialize(expires.UtcDateTime)}}}");
        return true;
    }

    /// <summary>
    /// A cancel end event: the transaction it sits in is cancelled — everything in it withdrawn, its participants
    /// cancelled — and its cancel boundary event (required at deploy time) takes over.
    /// </summary>
    public void CancelTransaction(Token token, FlowNode node)
    {
        var scope = ScopeOf(token)!;
        Remove(token, node, HistoryTypes.ActivityCompleted);
        var (host, boundary) = CancelBoundaryOf(scope);
        TriggerBoundary(host, boundary!, NoVariables);
    }

    /// <summary>
    /// The coordinator's outcome for the transaction that waits at <paramref name="scope"/>: confirmed, it leaves;
    /// heuristic, an incident; otherwise (nothing confirmed) its cancel boundary event, or an incident without one.
    /// </summary>
    public void FinishConfirm(Token scope, TransactionRecord outcome)
    {
        var transaction = (Activity)Process.Node(scope.ActivityId);
        RemoveJob(scope, completed: true);
        scope.Participants = null;
        RecordOutcome(transaction, scope, scope.Id, outcome);
        var confirmed = outcome.Participants.Count(p => p.State == TransactionParticipantStates.Confirmed);
        var which = $"{confirmed} of {outcome.Participants.Count} participant(s) of '{transaction.DisplayName}' confirmed (transaction {outcome.Id})";
        if (outcome.State == TransactionStates.Confirmed)
        {
            LeaveScope(scope);
        }
        else if (outcome.State == TransactionStates.Heuristic)
        {
            Fail(scope, transaction, IncidentCodes.TransactionHeuristic,
                $"The outcome is heuristic: {which}. Reconcile the participants by hand, then resolve this incident.");
        }
        else if (CancelBoundaryOf(scope) is { Boundary: { } boundary } cancel)
        {
            scope.State = TokenState.Ready;
            TriggerBoundary(cancel.Host, boundary, NoVariables);
        }
        else
        {
            Fail(scope, transaction, IncidentCodes.TransactionNotConfirmed,
                $"The transaction could not be confirmed: {which}; its participants had expired or were gone. Retry runs it again.");
        }

        Run();
    }

    /// <summary>The coordinator's outcome of cancelling the participants of a transaction that is gone: recorded.</summary>
    public void FinishCancel(JobRecord job, TransactionRecord outcome)
    {
        (_removedJobs ??= new()).Add((job.Id, true));
        RecordOutcome(Process.Node(job.ActivityId), null, job.TokenId, outcome);
    }

    /// <summary>Before a scope leaves: a transaction with participants waits for their confirmation instead (true).</summary>
    private bool ConfirmBeforeLeaving(Token scope)
    {
        if (scope.Participants is not { Count: > 0 } participants || Process.Node(scope.ActivityId) is not TransactionSubProcess transaction)
        {
            return false;
        }

        scope.State = TokenState.Waiting;
        var job = AddJob(scope.Id, transaction, TransactionJobs.Topic, TransactionJobRetries, TransactionJobs.Payload(TransactionJobs.Confirm, participants));
        scope.WorkItemId = job.Id;
        RecordCoordination(HistoryTypes.TransactionConfirming, transaction, scope, job, participants.Count);
        return true;
    }

    /// <summary>A transaction's token is withdrawn: the participants it enlisted are cancelled once this run commits.</summary>
    private void CancelParticipants(Token scope)
    {
        if (scope.Participants is not { Count: > 0 } participants)
        {
            return;
        }

        var node = Process.Node(scope.ActivityId);
        var job = AddJob(scope.Id, node, TransactionJobs.Topic, TransactionJobRetries, TransactionJobs.Payload(TransactionJobs.Cancel, participants));
        scope.Participants = null;
        RecordCoordination(HistoryTypes.TransactionCancelling, node, scope, job, participants.Count);
    }

    /// <summary>The cancel boundary event of a transaction's token, and the token it is attached to (a looping transaction's body).</summary>
    private (Token Host, BoundaryEvent? Boundary) CancelBoundaryOf(Token transactionToken)
    {
        var transaction = (Activity)Process.Node(transactionToken.ActivityId);
        var host = transactionToken.LoopCounter is null ? transactionToken : ScopeOf(transactionToken)!;
        return (host, transaction.BoundaryEvents.FirstOrDefault(b => b.Trigger is CancelEventDefinition));
    }

    private void RecordCoordination(string type, FlowNode node, Token scope, JobRecord job, int participants) =>
        Record(type, node, scope, null,
            $"{{\"token\":{JsonSerializer.Serialize(scope.Id)},\"job\":{JsonSerializer.Serialize(job.Id)},\"participants\":{participants}}}");

    /// <summary>The outcome in the history, at the transaction's token (<paramref name="scope"/> null: it is gone).</summary>
    private void RecordOutcome(FlowNode node, Token? scope, string tokenId, TransactionRecord outcome)
    {
        var type = outcome.State switch
        {
            TransactionStates.Confirmed => HistoryTypes.TransactionConfirmed,
            TransactionStates.Heuristic => HistoryTypes.TransactionHeuristic,
            _ => HistoryTypes.TransactionCancelled,
        };
        var participants = string.Join(",", outcome.Participants.Select(p =>
            $"{{\"uri\":{JsonSerializer.Serialize(p.Uri)},\"state\":{JsonSerializer.Serialize(p.State)}}}"));
        Record(type, node, scope, null,
            $"{{\"token\":{JsonSerializer.Serialize(tokenId)},\"transaction\":{JsonSerializer.Serialize(outcome.Id)}," +
            $"\"state\":{JsonSerializer.Serialize(outcome.State)},\"participants\":[{participants}]}}");
    }
}
