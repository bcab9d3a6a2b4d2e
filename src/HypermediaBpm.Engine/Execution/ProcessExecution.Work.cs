using System.Text;
using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Work that waits for the outside world — tasks, jobs, subscriptions, calls — and what a run throws; all of it goes
/// into <see cref="Effects"/>.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>Creates the task a person works on and parks the token until it is completed.</summary>
    public void CreateTask(Token token, FlowNode node, string? assignee, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups, DateTimeOffset? dueAt = null)
    {
        var task = new TaskRecord(
            Id: Guid.CreateVersion7(Now).ToString("N"),
            InstanceId: Instance.Id,
            TokenId: token.Id,
            DefinitionId: Instance.DefinitionId,
            ProcessKey: Instance.ProcessKey,
            ActivityId: node.Id,
            Name: node.DisplayName,
            State: assignee is null ? TaskStates.Open : TaskStates.Claimed,
            Assignee: assignee,
            CandidateUsers: candidateUsers,
            CandidateGroups: candidateGroups,
            Revision: 1,
            CreatedAt: Now,
            UpdatedAt: Now,
            CompletedAt: null)
        {
            DueAt = dueAt,
        };
        Effects.Tasks.Add(task);
        Wait(token);
        token.WorkItemId = task.Id;
        Record(HistoryTypes.TaskCreated, node, token, null, TaskJson(task));
    }

    /// <summary>Cancels the user task the token waits on (what withdrawing a waiting user task means).</summary>
    public void CancelTask(Token token)
    {
        if (token.WorkItemId is { } taskId)
        {
            var createdNow = Effects.Tasks.FindIndex(t => t.Id == taskId);
            if (createdNow >= 0)
            {
                Effects.Tasks[createdNow] = Effects.Tasks[createdNow] with { State = TaskStates.Cancelled, UpdatedAt = Now };
            }
            else
            {
                Effects.CancelTask(taskId);
            }

            Record(HistoryTypes.TaskCancelled, Process.Node(token.ActivityId), token, null, $"{{\"task\":\"{taskId}\"}}");
            token.WorkItemId = null;
        }
    }

    /// <summary>Creates a job for an external worker and parks the token until it is completed.</summary>
    public void CreateJob(Token token, FlowNode node, string topic, int retries)
    {
        var job = AddJob(token.Id, node, topic, retries, null);
        Wait(token);
        token.WorkItemId = job.Id;
        Record(HistoryTypes.JobCreated, node, token, null, $"{{\"job\":\"{job.Id}\",\"topic\":{JsonSerializer.Serialize(topic)}}}");
    }

    public JobRecord AddJob(string tokenId, FlowNode node, string topic, int retries, string? payload)
    {
        var job = new JobRecord(Guid.CreateVersion7(Now).ToString("N"), topic, Instance.Id, tokenId, node.Id,
            Instance.DefinitionId, Instance.ProcessKey, retries, Now) { Payload = payload };
        Effects.AddJob(job);
        return job;
    }

    /// <summary>Withdraws the token's job (its activity was cancelled), or marks it done when <paramref name="completed"/>.</summary>
    public void RemoveJob(Token token, bool completed)
    {
        if (token.WorkItemId is { } jobId)
        {
            Effects.RemoveJob(jobId, completed);
            token.WorkItemId = null;
        }
    }

    public void RemoveJob(string jobId, bool completed) => Effects.RemoveJob(jobId, completed);

    /// <summary>Parks the token until <paramref name="definition"/>'s trigger happens, caught by <paramref name="catching"/>.</summary>
    public SubscriptionRecord Subscribe(Token token, FlowNode catching, EventDefinition definition) =>
        Open(token, EventSubscriptions.Create(definition, catching, Process, Variables, Instance.BusinessKey, Instance.Id, token.Id, Now));

    /// <summary>Parks the token until a prepared subscription (a receive task's message) fires.</summary>
    public SubscriptionRecord Open(Token token, SubscriptionRecord subscription)
    {
        Effects.Open(subscription);
        Wait(token);
        token.WorkItemId ??= subscription.Id;
        return subscription;
    }

    public void CloseSubscriptions(Token token) => Effects.CloseSubscriptions(token.Id);

    /// <summary>
    /// A boundary event (on <paramref name="host"/>'s activity) or an event subprocess start (in <paramref name="host"/>'s
    /// scope; null: the process) starts listening for its timer, message or signal. The host token is not parked.
    /// </summary>
    public void OpenCatcher(Token? host, FlowNode catcher, EventDefinition trigger)
    {
        var saved = Variables.Current;
        Variables.Current = host;
        try
        {
            Effects.Open(EventSubscriptions.Create(trigger, catcher, Process, Variables, Instance.BusinessKey, Instance.Id, host?.Id, Now));
        }
        finally
        {
            Variables.Current = saved;
        }
    }

    public void CloseCatcher(Token? host, FlowNode catcher) => Effects.CloseCatcher(host?.Id, catcher.Id);

    /// <summary>Throws a signal: delivered, after this run commits, to every subscription open before it was thrown.</summary>
    public void ThrowSignal(string name) => Effects.Throw(new ThrownEvent(SubscriptionKinds.Signal, name, null, Snapshot()));

    /// <summary>Publishes a message: correlated after this run commits, like one sent from outside.</summary>
    public void PublishMessage(string name, string? correlationKey) =>
        Effects.Throw(new ThrownEvent(SubscriptionKinds.Message, name, correlationKey, Snapshot()));

    /// <summary>The key a thrown message is published with: its key expression evaluated now, else the business key.</summary>
    public string? CorrelationKeyOf(string? keyExpression) =>
        keyExpression is { Length: > 0 } ? EvaluateText(keyExpression.Trim()) : Instance.BusinessKey;

    public void Call(Token token, CallRequest request)
    {
        Wait(token);
        Effects.Call(request);
    }

    public void CancelCalled(string calledInstanceId) => Effects.CancelCalled(calledInstanceId);

    public void ReportErrorToCaller(ThrownError error) => Effects.ErrorToCaller = error;

    /// <summary>Stops the token with an incident; the instance shows <c>failed</c> until it is retried or resolved.</summary>
    public void Fail(Token token, FlowNode node, string code, string message)
    {
        token.State = TokenState.Failed;
        var incident = new Incident(Guid.CreateVersion7(Now).ToString("N"), token.Id, node.Id, code, message, Now);
        Instance.AddIncident(incident, Now);
        Record(HistoryTypes.IncidentCreated, node, token, null,
            $"{{\"incident\":{JsonSerializer.Serialize(incident.Id)},\"code\":{JsonSerializer.Serialize(code)},\"message\":{JsonSerializer.Serialize(message)}}}");
    }

    /// <summary>Appends a history event of this command.</summary>
    public void Record(string type, FlowNode? node, Token? token, string? elementId, string? dataJson = null)
    {
        Effects.History.Add(new HistoryEvent(
            Sequence: 0,
            InstanceId: Instance.Id,
            ProcessKey: Instance.ProcessKey,
            Type: type,
            ActivityId: node?.Id,
            ActivityName: node?.Name,
            ElementId: elementId,
            User: User,
            Timestamp: Now,
            DataJson: dataJson ?? (token is null ? null : "{\"token\":\"" + token.Id + "\"}")));
    }

    /// <summary>
    /// The task-created event's data: enough for a worklist feed entry (who it is for, what it is called) without
    /// reading the task, and what the store indexes the participant feeds by.
    /// </summary>
    public static string TaskJson(TaskRecord task)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("task", task.Id);
            writer.WriteString("name", task.Name);
            writer.WriteString("assignee", task.Assignee);
            writer.WriteStartArray("candidateUsers");
            foreach (var user in task.CandidateUsers)
            {
                writer.WriteStringValue(user);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("candidateGroups");
            foreach (var group in task.CandidateGroups)
            {
                writer.WriteStringValue(group);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The instance's variables travel with what it throws (as Camunda's <c>camunda:in variables="all"</c> would).</summary>
    private Dictionary<string, object?> Snapshot() => new(Instance.Variables, StringComparer.Ordinal);
}
