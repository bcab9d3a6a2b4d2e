using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// What workers report on their jobs, beyond completing them: a failure with no retries left (an incident that
/// keeps the job, so <c>retry</c> can hand it back) and a BPMN error (thrown from the task like any other).
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>Retries a job gets back when a person retries its <c>JOB_FAILED</c> incident.</summary>
    public const int RetriesAfterIncidentRetry = 1;

    private List<(string JobId, int Retries)>? _resetJobs;

    /// <summary>Jobs this run gave new retries (their incidents were retried).</summary>
    public IReadOnlyList<(string JobId, int Retries)> ResetJobs => (IReadOnlyList<(string, int)>?)_resetJobs ?? [];

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
    /// A worker threw a BPMN error from the job of <paramref name="token"/>: the job is done, the worker's
    /// variables are set, and the error is thrown at the task (its error boundary events first, then outward;
    /// uncaught, an incident on the task, whose <c>retry</c> creates a new job).
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

        ThrowErrorAt(token, error);
        Run();
    }

    /// <summary>The job of a failed token gets a retry: the token waits for a worker again.</summary>
    private void HandJobBack(Token token, string jobId)
    {
        token.State = TokenState.Waiting;
        (_resetJobs ??= new()).Add((jobId, RetriesAfterIncidentRetry));
    }
}
