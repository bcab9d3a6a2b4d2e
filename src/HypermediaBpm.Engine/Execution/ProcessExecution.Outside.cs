using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// What the engine's commands bring into a run from outside — a fired subscription, a called instance's end, a worker's
/// report, a coordinator's outcome — each handed to the behaviour it concerns, then the ready tokens run.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>Retries a job gets back when a person retries its <c>JOB_FAILED</c> incident.</summary>
    public const int RetriesAfterIncidentRetry = 1;

    /// <summary>How often the coordinator job is handed out again when the worker fails it before an incident opens.</summary>
    public const int TransactionJobRetries = CoordinatorJobs.Retries;

    /// <summary>No variables: what a catch or a fired timer that carries none sets.</summary>
    internal static readonly IReadOnlyDictionary<string, object?> NoVariables = Catching.NoVariables;

    /// <summary>
    /// A subscription of <paramref name="token"/> fired: its other subscriptions are withdrawn (the losers after an
    /// event-based gateway), the token arrives at <paramref name="catching"/> if it waited elsewhere (at the gateway), and
    /// the catching element's behaviour takes the trigger's variables and moves on.
    /// </summary>
    public void Fire(Token token, FlowNode catching, IReadOnlyDictionary<string, object?> variables)
    {
        CloseSubscriptions(token);
        token.State = TokenState.Ready;
        token.WorkItemId = null;
        if (token.ActivityId != catching.Id)
        {
            var from = Process.Node(token.ActivityId);
            var flow = from.Outgoing.First(f => f.Target == catching);
            RecordCompleted(token, from, flow.Id);
            token.ActivityId = catching.Id;
            token.ViaFlowId = flow.Id;
            token.Since = Now;
            Record(HistoryTypes.ActivityStarted, catching, token, flow.Id);
        }

        Variables.Current = token;
        Guarded(token, catching, () => _behaviors.For(catching).Trigger(this, token, catching, variables));
        Run();
    }

    /// <summary>
    /// A catcher's subscription fired: a boundary event fires on its host, an event subprocess start starts a run of its
    /// subprocess in <paramref name="host"/>'s scope (null: the process).
    /// </summary>
    public void FireCatcher(Token? host, FlowNode catcher, IReadOnlyDictionary<string, object?> variables)
    {
        ((ICatchBehavior)_behaviors.For(catcher)).Fire(this, host, catcher, variables);
        Run();
    }

    /// <summary>The engine started <paramref name="calledInstanceId"/> for the call activity <paramref name="token"/> is at.</summary>
    public void CallStarted(Token token, string calledInstanceId)
    {
        token.CalledInstanceId = calledInstanceId;
        Record(HistoryTypes.CallStarted, Process.Node(token.ActivityId), token, null,
            $"{{\"token\":{JsonSerializer.Serialize(token.Id)},\"instance\":{JsonSerializer.Serialize(calledInstanceId)}}}");
    }

    /// <summary>The called instance completed: its variables are mapped back and the call activity leaves.</summary>
    public void ReturnFromCall(Token token, IReadOnlyDictionary<string, object?> calledVariables)
    {
        token.CalledInstanceId = null;
        Trigger(token, calledVariables);
    }

    /// <summary>
    /// The called instance ended with an error nobody in it caught: it is thrown at the call activity, where a boundary
    /// event of the activity, an event subprocess or an enclosing scope's boundary event may catch it.
    /// </summary>
    public void ThrowErrorFromCall(Token token, ThrownError error)
    {
        token.CalledInstanceId = null;
        _behaviors.Catching.ThrowErrorAt(this, token, error);
        Run();
    }

    /// <summary>
    /// A worker failed the job of <paramref name="token"/> and no retries are left: the token stops with an incident
    /// (<c>JOB_FAILED</c>, or another code that <see cref="IncidentCodes.KeepsJob"/>) and keeps its job, which nobody can
    /// lock until the incident is retried.
    /// </summary>
    public void FailJob(Token token, FlowNode node, string jobId, string message, string incidentCode = IncidentCodes.JobFailed)
    {
        RecordJobFailed(node, token, jobId, 0, message);
        Fail(token, node, incidentCode, message);
    }

    /// <summary>A worker failed the job of <paramref name="token"/> and will try again: recorded; the token waits on.</summary>
    public void RecordJobFailed(FlowNode node, Token token, string jobId, int retriesLeft, string message) =>
        Record(HistoryTypes.JobFailed, node, token, null,
            $"{{\"job\":{JsonSerializer.Serialize(jobId)},\"retries\":{retriesLeft},\"message\":{JsonSerializer.Serialize(message)}}}");

    /// <summary>
    /// A worker threw a BPMN error from the job of <paramref name="token"/>: the job is done, the worker's variables are
    /// set, and the error is thrown at the task (its error boundary events first, then outward; uncaught, an incident on
    /// the task, whose <c>retry</c> creates a new job).
    /// </summary>
    public void ThrowErrorFromJob(Token token, FlowNode node, ThrownError error, IReadOnlyDictionary<string, object?> variables)
    {
        var jobId = token.WorkItemId;
        RemoveJob(token, completed: true);
        token.State = TokenState.Ready;
        Variables.Current = token;
        Record(HistoryTypes.JobErrorThrown, node, token, null,
            $"{{\"job\":{JsonSerializer.Serialize(jobId)},\"code\":{JsonSerializer.Serialize(error.Code)}}}");
        if (variables.Count > 0)
        {
            SetVariablesFrom(token, variables, node);
        }

        _behaviors.Catching.ThrowErrorAt(this, token, error);
        Run();
    }

    /// <summary>How many participants the nearest transaction around <paramref name="token"/> has enlisted (0 outside any).</summary>
    public int EnlistedAround(Token token) => TransactionBehavior.TransactionOf(this, token)?.Participants?.Count ?? 0;

    /// <summary>Enlists a participant in the nearest transaction around the token; false outside any.</summary>
    public bool Enlist(Token token, FlowNode node, string uri, DateTimeOffset expires) =>
        TransactionBehavior.Enlist(this, token, node, uri, expires);

    /// <summary>The coordinator's outcome for the transaction that waits at <paramref name="scope"/>; then the run goes on.</summary>
    public void FinishConfirm(Token scope, TransactionRecord outcome)
    {
        _behaviors.Transactions.FinishConfirm(this, scope, outcome);
        Run();
    }

    /// <summary>The coordinator's outcome of cancelling the participants of a transaction that is gone: recorded.</summary>
    public void FinishCancel(JobRecord job, TransactionRecord outcome) => TransactionBehavior.FinishCancel(this, job, outcome);

    /// <summary>The job of a failed token gets a retry: the token waits for a worker again.</summary>
    private void HandJobBack(Token token, string jobId)
    {
        token.State = TokenState.Waiting;
        Effects.ResetJob(jobId, RetriesAfterIncidentRetry);
    }
}
