using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>
/// Builds records the way the engine would. Its clock moves 1 ms per id, so ids (version 7 GUIDs) are
/// strictly increasing in creation order, which the newest-first orders rely on.
/// </summary>
public sealed class StoreSamples
{
    public const string StateJson = """{"v":1,"lastToken":0,"variables":{},"tokens":[]}""";

    public DateTimeOffset Now { get; private set; } = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    public string NextId()
    {
        Now = Now.AddMilliseconds(1);
        return Guid.CreateVersion7(Now).ToString("N");
    }

    public NewDefinition Definition(string key, int? version = null) =>
        new(key, version, $"Process {key}", System.Text.Encoding.UTF8.GetBytes($"<definitions><process id=\"{key}\"/></definitions>"), $"About {key}", Now);

    public InstanceSummary Instance(DefinitionRecord definition, string state = "running", string? businessKey = null)
    {
        var id = NextId();
        return new InstanceSummary(id, definition.Id, definition.Key, definition.Version, businessKey, state, 1, Now, null, Now);
    }

    public TaskRecord Task(
        InstanceSummary instance,
        string state = "open",
        string? assignee = null,
        IReadOnlyList<string>? groups = null,
        IReadOnlyList<string>? users = null) =>
        new(NextId(), instance.Id, $"token-{instance.Id[^6..]}", instance.DefinitionId, instance.ProcessKey, "review", "Review",
            state, assignee, users ?? [], groups ?? [], 1, Now, Now, null);

    public HistoryEvent History(InstanceSummary instance, string type, string? activityId = null) =>
        new(0, instance.Id, instance.ProcessKey, type, activityId, activityId is null ? null : $"Name of {activityId}",
            activityId, "alice", Now, """{"n":1}""");

    public IdempotencyRecord Idempotency(string key, string location = "/instances/x") =>
        new(key, $"hash-of-{key}", 201, location, Now);

    public static InstanceWrite Insert(InstanceSummary instance, string stateJson = StateJson) => new(instance, stateJson, 0);

    /// <summary>The next revision of <paramref name="current"/> with a new state, guarded by its revision.</summary>
    public InstanceWrite Update(InstanceSummary current, string state, string stateJson = StateJson)
    {
        Now = Now.AddMilliseconds(1);
        var ended = state is "completed" or "terminated" ? Now : current.EndedAt;
        return new InstanceWrite(current with { State = state, Revision = current.Revision + 1, UpdatedAt = Now, EndedAt = ended },
            stateJson, current.Revision);
    }

    public static ChangeSet Changes(
        IEnumerable<InstanceWrite>? instances = null,
        IEnumerable<TaskRecord>? tasks = null,
        IEnumerable<HistoryEvent>? history = null,
        IdempotencyRecord? idempotency = null)
    {
        var changes = new ChangeSet { Idempotency = idempotency };
        changes.Instances.AddRange(instances ?? []);
        changes.Tasks.AddRange(tasks ?? []);
        changes.History.AddRange(history ?? []);
        return changes;
    }
}
