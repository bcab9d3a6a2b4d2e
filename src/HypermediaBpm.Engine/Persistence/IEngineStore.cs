namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Everything the engine keeps. A store owns no logic of its own: the engine decides, the store remembers.
/// Writes happen only through <see cref="CommitAsync"/>, one atomic change set per engine command.
/// </summary>
public interface IEngineStore : IIdentityStore
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

    /// <summary>The BPMN document of a definition, byte for byte as it was added; null when there is no such definition.</summary>
    Task<byte[]?> GetDefinitionSourceAsync(string id, CancellationToken cancellationToken);

    Task<DefinitionRecord?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken);

    /// <summary>All versions of one process key, newest first; descriptions cut as <see cref="DefinitionRecord.Description"/> says.</summary>
    Task<IReadOnlyList<DefinitionRecord>> GetDefinitionVersionsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The latest version of every process key, ordered by key; descriptions cut as <see cref="DefinitionRecord.Description"/> says.</summary>
    Task<Page<DefinitionRecord>> QueryLatestDefinitionsAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every version of a process with its ended instances, their tasks and history, in one
    /// transaction. Returns false (and deletes nothing) while an instance of it is not ended.
    /// </summary>
    Task<bool> DeleteProcessAsync(string key, CancellationToken cancellationToken);

    Task<StoredInstance?> GetInstanceAsync(string id, CancellationToken cancellationToken);

    Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>How many instances each process has in each state (counts of zero may be left out).</summary>
    Task<IReadOnlyList<InstanceCount>> QueryInstanceCountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per element of one process, what waits there, what failed there and how long it took, from the history (see
    /// <see cref="ActivityStatistics"/>); elements with nothing to count are left out.
    /// </summary>
    Task<IReadOnlyList<ActivityStatistics>> QueryActivityStatisticsAsync(ActivityStatisticsQuery query, CancellationToken cancellationToken);

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

    /// <summary>
    /// Claims up to <paramref name="limit"/> timers due at <paramref name="now"/> whose lease is free or expired
    /// for <paramref name="owner"/> until <paramref name="leaseUntil"/>, atomically (two schedulers never get the
    /// same timer while a lease holds), earliest first, by an index on the due time.
    /// </summary>
    Task<IReadOnlyList<SubscriptionRecord>> ClaimDueTimersAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// When the next timer can be claimed: its due time, or for a leased one the end of its lease (a scheduler
    /// sleeps until then); null when there is no timer.
    /// </summary>
    Task<DateTimeOffset?> GetNextTimerDueAsync(CancellationToken cancellationToken);

    Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<SubscriptionRecord>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken);

    Task<JobRecord?> GetJobAsync(string id, CancellationToken cancellationToken);

    /// <summary>Open jobs, oldest first, of one topic (or all when null).</summary>
    Task<IReadOnlyList<JobRecord>> QueryJobsAsync(string? topic, int limit, CancellationToken cancellationToken);

    /// <summary>Jobs of a topic (or all), oldest first, whatever their state, one keyset page.</summary>
    Task<Page<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Locks up to <paramref name="limit"/> jobs of <paramref name="topic"/> for <paramref name="workerId"/> until
    /// <paramref name="lockUntil"/>, oldest first, atomically: only jobs with retries left, past their back-off, whose
    /// lock is free or ran out at <paramref name="now"/>. Two workers locking at once get disjoint batches.
    /// </summary>
    Task<IReadOnlyList<JobRecord>> LockJobsAsync(string topic, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the end of <paramref name="workerId"/>'s lock on a job to <paramref name="lockUntil"/>; null (and nothing
    /// changed) unless that worker holds the job at <paramref name="now"/>.
    /// </summary>
    Task<JobRecord?> ExtendJobLockAsync(string jobId, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    Task<BufferedMessageRecord?> GetBufferedMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>The oldest unexpired buffered message with this name whose key equals <paramref name="correlationKey"/> (or has none).</summary>
    Task<BufferedMessageRecord?> FindBufferedMessageAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps a new reservation (try-confirm/cancel <i>try</i>).</summary>
    Task AddReservationAsync(ReservationRecord reservation, CancellationToken cancellationToken);

    Task<ReservationRecord?> GetReservationAsync(string id, CancellationToken cancellationToken);

    Task<Page<ReservationRecord>> QueryReservationsAsync(ReservationQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a reservation that is still reserved and unexpired at <paramref name="now"/>, atomically; false (and
    /// nothing changed) otherwise. Confirmation is not here: it rides in the change set that starts the instance
    /// (<see cref="ChangeSet.ConfirmedReservation"/>).
    /// </summary>
    Task<bool> CancelReservationAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks up to <paramref name="limit"/> reservations still reserved at their expiry (at or before <paramref name="now"/>) expired; returns how many.</summary>
    Task<int> ExpireReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a coordination record (only its coordinator writes it).</summary>
    Task SaveTransactionAsync(TransactionRecord transaction, CancellationToken cancellationToken);

    Task<TransactionRecord?> GetTransactionAsync(string id, CancellationToken cancellationToken);

    Task<Page<TransactionRecord>> QueryTransactionsAsync(TransactionQuery query, CancellationToken cancellationToken);
}
