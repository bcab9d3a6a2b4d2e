using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>What a person does about an incident: replay the failed step, or give up on it.</summary>
public sealed partial class ProcessExecution
{
    /// <summary>
    /// Replays the failed step: the incident is closed, <paramref name="variables"/> are set (the fix, when the
    /// failure came from missing or wrong data), and the token runs its activity again from the start.
    /// </summary>
    public void Retry(Incident incident, IReadOnlyDictionary<string, object?> variables)
    {
        if (incident.Code == IncidentCodes.TransactionHeuristic)
        {
            throw new InvalidStateException("INCIDENT_NOT_RETRYABLE",
                "A heuristic transaction outcome cannot be undone by running it again: reconcile the participants, then resolve the incident.",
                new Dictionary<string, object?> { ["incident"] = incident.Id, ["activityId"] = incident.ActivityId });
        }

        var token = FailedToken(incident, "retried");
        var node = Process.Node(token.ActivityId);
        Close(incident, HistoryTypes.IncidentRetried, node, token);
        SetVariablesFrom(token, variables, node);
        if (IncidentCodes.KeepsJob(incident.Code) && token.WorkItemId is { } jobId)
        {
            // The step that failed is the worker's, not the engine's: the job gets a retry and waits for a worker again.
            HandJobBack(token, jobId);
            return;
        }

        Schedule(token);
        Run();
    }

    /// <summary>
    /// Gives up on the failed step: the incident is closed and the activity counts as done — its token leaves along
    /// the outgoing flows (with <paramref name="variables"/> set first), as ruote continues past a cancelled
    /// errored expression. An incident whose token is gone (an uncaught error that ended its path) is just closed.
    /// </summary>
    public void Resolve(Incident incident, IReadOnlyDictionary<string, object?> variables)
    {
        var token = Instance.Tokens.Find(t => t.Id == incident.TokenId && t.State == TokenState.Failed);
        var node = Process.Process.ElementsById.GetValueOrDefault(incident.ActivityId) as FlowNode;
        Close(incident, HistoryTypes.IncidentResolved, node, token);
        if (token is null || node is null)
        {
            SetVariables(variables, node);
            return;
        }

        SetVariablesFrom(token, variables, node);
        if (IncidentCodes.KeepsJob(incident.Code))
        {
            RemoveJob(token, completed: false);
        }

        token.State = TokenState.Ready;
        Guarded(token, node, () => Leave(token, node));
        Run();
    }

    private Token FailedToken(Incident incident, string what) =>
        Instance.Tokens.Find(t => t.Id == incident.TokenId && t.State == TokenState.Failed)
        ?? throw new InvalidStateException("INCIDENT_NOT_RETRYABLE",
            $"The incident at '{incident.ActivityId}' holds no token any more (its path ended), so it cannot be {what}; resolve it instead.",
            new Dictionary<string, object?> { ["incident"] = incident.Id, ["activityId"] = incident.ActivityId });

    private void Close(Incident incident, string historyType, FlowNode? node, Token? token)
    {
        Instance.RemoveIncident(incident, Now);
        Record(historyType, node, token, null,
            $"{{\"incident\":{JsonSerializer.Serialize(incident.Id)},\"code\":{JsonSerializer.Serialize(incident.Code)}}}");
    }
}
