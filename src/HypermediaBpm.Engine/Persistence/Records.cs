namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A deployed, immutable process definition version. Its BPMN document is not part of it: lists of definitions
/// never need it, so a store reads it only when asked (<see cref="IDefinitionStore.GetDefinitionSourceAsync"/>).
/// </summary>
/// <param name="Description">
/// The process's documentation; in lists (<see cref="IDefinitionStore.QueryLatestDefinitionsAsync"/>,
/// <see cref="IDefinitionStore.GetDefinitionVersionsAsync"/>) cut to <see cref="ListedDescriptionLength"/> characters.
/// </param>
public sealed record DefinitionRecord(
    string Id,
    string Key,
    int Version,
    string Name,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The most characters of a description a list carries; a longer one comes as its first 499 characters and
    /// <c>…</c>, so a page of definitions stays small whatever the models document.
    /// </summary>
    public const int ListedDescriptionLength = 500;

    /// <summary>False for a model deployed for documentation only: it is kept, drawn and described, never started.</summary>
    public bool Executable { get; init; } = true;

    /// <summary>The version's own <c>camunda:historyTimeToLive</c>; null when it follows the server default.</summary>
    public TimeSpan? HistoryTimeToLive { get; init; }
}

/// <param name="Source">The BPMN document exactly as uploaded; the store keeps it byte for byte.</param>
public sealed record NewDefinition(
    string Key,
    int? Version,
    string Name,
    ReadOnlyMemory<byte> Source,
    string? Description,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The new version's start subscriptions (timer, message, signal start events; their definition id is
    /// filled in by the store). They replace every start subscription of earlier versions of the key, in the
    /// same transaction as the definition insert.
    /// </summary>
    public IReadOnlyList<SubscriptionRecord> StartSubscriptions { get; init; } = [];

    /// <summary>False to keep the model for documentation only (<see cref="DefinitionRecord.Executable"/>).</summary>
    public bool Executable { get; init; } = true;

    /// <summary>
    /// The model's <c>camunda:historyTimeToLive</c>: how long the version's ended instances are kept before history
    /// retention removes them; null to follow the server's default (<c>History:TimeToLive</c>).
    /// </summary>
    public TimeSpan? HistoryTimeToLive { get; init; }
}

/// <summary>The queryable columns of an instance.</summary>
/// <param name="Parent">Where an instance started by a call activity was called from; null for a top-level instance.</param>
public sealed record InstanceSummary(
    string Id,
    string DefinitionId,
    string ProcessKey,
    int ProcessVersion,
    string? BusinessKey,
    string State,
    long Revision,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset UpdatedAt,
    ParentReference? Parent = null);

/// <summary>
/// The call activity that started an instance: the calling instance, the token (activity instance) that waits
/// for it there, and the call activity's id. It never changes once the instance exists.
/// </summary>
public sealed record ParentReference(string InstanceId, string TokenId, string ActivityId);

/// <summary>An instance as stored: its summary and its serialized state (the engine owns the format).</summary>
public sealed record StoredInstance(InstanceSummary Summary, string StateJson);

/// <summary>A user task as a queryable record.</summary>
/// <param name="CompletedBy">The signed-in user who completed it (none for a task completed by no one, or before this was kept).</param>
public sealed record TaskRecord(
    string Id,
    string InstanceId,
    string TokenId,
    string DefinitionId,
    string ProcessKey,
    string ActivityId,
    string Name,
    string State,
    string? Assignee,
    IReadOnlyList<string> CandidateUsers,
    IReadOnlyList<string> CandidateGroups,
    long Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy = null)
{
    /// <summary>
    /// Form values saved without completing (the <c>update</c> of a task), as a JSON object of typed values; null
    /// when none were saved. Shown again as the values of the task's forms.
    /// </summary>
    public string? DraftJson { get; init; }

    /// <summary>
    /// When the task should be done (<c>camunda:dueDate</c>, <c>zeebe:taskSchedule dueDate</c>), evaluated when the task
    /// was created; null when the model sets none. The worklist sorts and filters by it.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>One entry of an instance's audit trail. <see cref="Sequence"/> is assigned by the store on append.</summary>
public sealed record HistoryEvent(
    long Sequence,
    string InstanceId,
    string ProcessKey,
    string Type,
    string? ActivityId,
    string? ActivityName,
    string? ElementId,
    string? User,
    DateTimeOffset Timestamp,
    string? DataJson);

/// <summary>The remembered outcome of a POST carrying an <c>Idempotency-Key</c>.</summary>
public sealed record IdempotencyRecord(
    string Key,
    string RequestHash,
    int StatusCode,
    string? Location,
    DateTimeOffset CreatedAt);

/// <summary>An instance to insert (<see cref="ExpectedRevision"/> 0) or update (guarded by revision).</summary>
public sealed record InstanceWrite(InstanceSummary Summary, string StateJson, long ExpectedRevision);

/// <summary>Everything one engine command changes; committed all or nothing.</summary>
public sealed class ChangeSet
{
    public List<InstanceWrite> Instances { get; } = new();

    /// <summary>Tasks to insert or replace (by id).</summary>
    public List<TaskRecord> Tasks { get; } = new();

    /// <summary>Events to append; their <see cref="HistoryEvent.Sequence"/> is ignored and assigned by the store.</summary>
    public List<HistoryEvent> History { get; } = new();

    public IdempotencyRecord? Idempotency { get; set; }

    /// <summary>Subscriptions to open (timers, messages, signals).</summary>
    public List<SubscriptionRecord> Subscriptions { get; } = new();

    /// <summary>Tokens (instance id, token id) whose subscriptions are all closed: they fired or were withdrawn.</summary>
    public List<(string InstanceId, string TokenId)> ClosedSubscriptions { get; } = new();

    /// <summary>
    /// Subscriptions of one catcher to delete: a boundary event whose activity was left, or an event subprocess start
    /// whose scope ended (token null: the process level), by (instance, token, catching element).
    /// </summary>
    public List<(string InstanceId, string? TokenId, string ActivityId)> ClosedCatchers { get; } = new();

    /// <summary>Instances that ended in this change set: every subscription they still hold goes.</summary>
    public List<string> EndedInstances { get; } = new();

    /// <summary>
    /// Subscriptions this command consumes by id; each must still exist, else the whole change set is a
    /// conflict (someone else consumed it first). Checked before <see cref="ClosedSubscriptions"/>.
    /// </summary>
    public List<string> ConsumedSubscriptions { get; } = new();

    /// <summary>The due timer this command fires, guarded by its lease.</summary>
    public SubscriptionLease? FiredTimer { get; set; }

    /// <summary>Jobs to create.</summary>
    public List<JobRecord> Jobs { get; } = new();

    /// <summary>Jobs completed (each must still exist, else a conflict) or withdrawn (<c>Required</c> false).</summary>
    public List<(string JobId, bool Required)> RemovedJobs { get; } = new();

    /// <summary>
    /// The job a worker reports on (completed, failed, a BPMN error), guarded by the worker's lock; its entry in
    /// <see cref="RemovedJobs"/>, if any, is covered by this guard.
    /// </summary>
    public WorkedJob? WorkedJob { get; set; }

    /// <summary>Jobs a person gave new retries (an incident's <c>retry</c>): unlocked and lockable at once.</summary>
    public List<(string JobId, int Retries)> ResetJobs { get; } = new();

    /// <summary>Messages to keep until a subscriber opens.</summary>
    public List<BufferedMessageRecord> BufferedMessages { get; } = new();

    /// <summary>Buffered messages delivered by this command; each must still exist, else a conflict.</summary>
    public List<string> ConsumedMessages { get; } = new();

    /// <summary>The reservation whose confirmation this command's new instance is; it must still be reserved and unexpired, else a conflict.</summary>
    public ReservationConfirmation? ConfirmedReservation { get; set; }

    public bool IsEmpty => Instances.Count == 0 && Tasks.Count == 0 && History.Count == 0 && Idempotency is null
        && Subscriptions.Count == 0 && ClosedSubscriptions.Count == 0 && ClosedCatchers.Count == 0 && EndedInstances.Count == 0 && ConsumedSubscriptions.Count == 0 && FiredTimer is null
        && Jobs.Count == 0 && RemovedJobs.Count == 0 && WorkedJob is null && ResetJobs.Count == 0 && BufferedMessages.Count == 0 && ConsumedMessages.Count == 0
        && ConfirmedReservation is null;
}

/// <summary>A person or a group that owns work. <see cref="Key"/> (<c>user:ann</c>, <c>group:managers</c>) is how feeds and worklists name it.</summary>
public sealed record ParticipantRecord(string Kind, string Id, string? Name, DateTimeOffset CreatedAt)
{
    public string Key => Kind + ":" + Id;
}

/// <summary>The two kinds of participant.</summary>
public static class ParticipantKinds
{
    public const string User = "user";
    public const string Group = "group";

    public static bool IsKnown(string? kind) => kind is User or Group;
}
