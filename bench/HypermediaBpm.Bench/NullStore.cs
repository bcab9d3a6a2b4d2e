using System.Collections.Concurrent;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Bench;

/// <summary>
/// A store that keeps only what a start needs, in memory: it separates the engine's own cost from the
/// database's in the measurements (never used by the server).
/// </summary>
public sealed class NullStore : IEngineStore
{
    private readonly ConcurrentDictionary<string, DefinitionRecord> _definitions = new();
    private readonly ConcurrentDictionary<string, byte[]> _sources = new();
    private long _commits;

    public long Commits => Interlocked.Read(ref _commits);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DefinitionRecord> AddDefinitionAsync(NewDefinition d, CancellationToken cancellationToken)
    {
        var record = new DefinitionRecord(Guid.NewGuid().ToString("N"), d.Key, d.Version ?? 1, d.Name, d.Description, d.CreatedAt, d.CreatedAt);
        _sources[record.Id] = d.Source.ToArray();
        _definitions[record.Id] = record;
        return Task.FromResult(record);
    }

    public Task<DefinitionRecord?> GetDefinitionAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_definitions.GetValueOrDefault(id));

    public Task<byte[]?> GetDefinitionSourceAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_sources.GetValueOrDefault(id));

    public Task<DefinitionRecord?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_definitions.Values.FirstOrDefault(d => d.Key == key));

    public Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DefinitionRecord>> GetDefinitionVersionsAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<DefinitionRecord>> QueryLatestDefinitionsAsync(PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteProcessAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredInstance?> GetInstanceAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<InstanceCount>> QueryInstanceCountsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<HomeCounts> QueryHomeCountsAsync(Viewer? viewer, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ActivityStatistics>> QueryActivityStatisticsAsync(ActivityStatisticsQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<HistoryEvent>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<HistoryEvent>> QueryFeedAsync(FeedQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> GetLastHistorySequenceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> AddParticipantAsync(ParticipantRecord participant, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<bool> RemoveParticipantAsync(string kind, string id, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<ParticipantRecord?> GetParticipantAsync(string kind, string id, CancellationToken cancellationToken) => Task.FromResult<ParticipantRecord?>(null);

    public Task<Page<ParticipantRecord>> QueryParticipantsAsync(PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<ParticipantRecord>([], false, false, 0, p => p.Key));

    // Sign-in is the server's business; the engine benchmark keeps no users.
    public Task<bool> AddUserAsync(ParticipantRecord user, string passwordHash, string securityStamp, IReadOnlyCollection<string> groups, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<UserAccount?> GetUserAccountAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<UserAccount?>(null);

    public Task<long> CountUsersWithPasswordAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public Task<bool> SetPasswordHashAsync(string userId, string passwordHash, string securityStamp, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> SetUserDisabledAsync(string userId, bool disabled, string securityStamp, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<bool> SetUserGroupsAsync(string userId, IReadOnlyCollection<string> groups, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task AddApiTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ApiTokenRecord?> FindApiTokenAsync(string secretHash, CancellationToken cancellationToken) => Task.FromResult<ApiTokenRecord?>(null);

    public Task<IReadOnlyList<ApiTokenRecord>> GetApiTokensAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ApiTokenRecord>>([]);

    public Task<bool> RevokeApiTokenAsync(string userId, string tokenId, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task TouchApiTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<SubscriptionRecord>> ClaimDueTimersAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DateTimeOffset?> GetNextTimerDueAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SubscriptionRecord>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<JobRecord?> GetJobAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JobRecord>> QueryJobsAsync(string? topic, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JobRecord>> LockJobsAsync(string topic, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<JobRecord?> ExtendJobLockAsync(string jobId, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<BufferedMessageRecord?> GetBufferedMessageAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BufferedMessageRecord?> FindBufferedMessageAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddReservationAsync(ReservationRecord reservation, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ReservationRecord?> GetReservationAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<ReservationRecord>> QueryReservationsAsync(ReservationQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> CancelReservationAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> ExpireReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task SaveTransactionAsync(TransactionRecord transaction, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TransactionRecord?> GetTransactionAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Page<TransactionRecord>> QueryTransactionsAsync(TransactionQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
}
