using System.Text;
using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Execution;

public sealed partial class ProcessExecution
{
    /// <summary>Creates the task a person works on and parks the token until it is completed.</summary>
    public void CreateTask(Token token, UserTask node, string? assignee, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups)
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
            CompletedAt: null);
        Tasks.Add(task);
        token.State = TokenState.Waiting;
        token.WorkItemId = task.Id;
        Record(HistoryTypes.TaskCreated, node, token, null, TaskJson(task));
    }

    /// <summary>Every variable the current token sees (its scopes' and the process's), for a script.</summary>
    public IReadOnlyDictionary<string, object?> VisibleVariables() => Variables.Visible();

    /// <summary>Evaluates a text that may hold expressions (e.g. <c>${initiator}</c>) to a string.</summary>
    public string? EvaluateText(string text) =>
        Process.Template(text).Evaluate(Variables) is { } value ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public void SetVariable(string name, object? value, FlowNode? node) =>
        SetVariables(new Dictionary<string, object?> { [name] = value }, node);

    public void SetVariables(IReadOnlyDictionary<string, object?> values, FlowNode? node)
    {
        if (values.Count == 0)
        {
            return;
        }

        // Every write of a variable comes through here (or SetLocalVariable): all are checked before any is set.
        VariableLimit.Check(values);
        foreach (var (name, value) in values)
        {
            // Camunda's rule: a variable goes to the nearest scope that already has it, else to the process.
            var owner = Variables.OwnerOf(name);
            (owner is null ? Instance.Variables : owner.Variables!)[name] = VariableJson.Normalize(value);
        }

        Record(HistoryTypes.VariablesChanged, node, null, null, VariablesJson(values));
    }

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
        History.Add(new HistoryEvent(
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
    /// The task-created event's data: enough for a worklist feed entry (who it is for, what it is called)
    /// without reading the task, and what the store indexes the participant feeds by.
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

    private static string VariablesJson(IReadOnlyDictionary<string, object?> values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("variables");
            VariableJson.Write(writer, values);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
