namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Everything the engine keeps. A store owns no logic of its own: the engine decides, the store remembers.
/// Writes happen only through <see cref="CommitAsync"/>, one atomic change set per engine command.
/// </summary>
public interface IEngineStore
{
    /// <summary>Creates or upgrades the schema. Called once at start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Cheap round-trip for health checks; throws when the database cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds a definition. When <see cref="NewDefinition.Version"/> is null the next version of its key is
    /// assigned atomically. Throws <see cref="Errors.DuplicateVersionException"/> when that version exists.
    /// </summary>
    Task<DefinitionRecord> AddDefinitionAsync(NewDefinition definition, CancellationToken cancellationToken);

    Task<DefinitionRecord?> GetDefinitionAsync(string id, CancellationToken cancellationToken);

    Task<DefinitionRecord?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken);

    /// <summary>All versions of one process key, newest first.</summary>
    Task<IReadOnlyList<DefinitionRecord>> GetDefinitionVersionsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The latest version of every process key, ordered by key.</summary>
    Task<Page<DefinitionRecord>> QueryLatestDefinitionsAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every version of a process with its ended instances, their tasks and history, in one
    /// transaction. Returns false (and deletes nothing) while an instance of it is not ended.
    /// </summary>
    Task<bool> DeleteProcessAsync(string key, CancellationToken cancellationToken);

    Task<StoredInstance?> GetInstanceAsync(string id, CancellationToken cancellationToken);

    Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken);

    Task<Page<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    Task<Page<HistoryEvent>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// History events for a feed (see <see cref="FeedQuery"/>): a bounded window, read by index whatever the
    /// size of the history, so a feed page from a million events costs what one from a hundred does.
    /// </summary>
    Task<IReadOnlyList<HistoryEvent>> QueryFeedAsync(FeedQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The highest history sequence ever assigned (0 when none); it never goes down, not even after a delete.
    /// Every event with a smaller sequence is already visible: a feed window below it is complete.
    /// </summary>
    Task<long> GetLastHistorySequenceAsync(CancellationToken cancellationToken);

    Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one command's changes atomically. Throws <see cref="Errors.ConcurrencyConflictException"/>
    /// (and writes nothing) when an instance's stored revision is not the expected one, or when the
    /// idempotency key is already taken.
    /// </summary>
    Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken);

    /// <summary>Registers a participant; false when one with the same kind and id exists.</summary>
    Task<bool> AddParticipantAsync(ParticipantRecord participant, CancellationToken cancellationToken);

    /// <summary>Removes a participant; false when there was none. Their tasks and history stay.</summary>
    Task<bool> RemoveParticipantAsync(string kind, string id, CancellationToken cancellationToken);

    Task<ParticipantRecord?> GetParticipantAsync(string kind, string id, CancellationToken cancellationToken);

    /// <summary>Participants by key (<c>group:…</c> before <c>user:…</c>), one keyset page.</summary>
    Task<Page<ParticipantRecord>> QueryParticipantsAsync(PageRequest page, CancellationToken cancellationToken);
}
