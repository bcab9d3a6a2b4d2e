using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;
using static HypermediaBpm.Storage.Postgres.Reading.RowMappers;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    private const string SubscriptionByIdSql = $"SELECT {SubscriptionColumns} FROM subscriptions WHERE id = @p;";

    /// <summary>How many of the earliest timers <see cref="GetNextTimerDueAsync"/> looks at for leases.</summary>
    private const int NextDueWindow = 32;

    private const string NextDueSql = "SELECT due_at, lease_until FROM subscriptions WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 32;"; // NextDueWindow rows
    private const string JobByIdSql = $"SELECT {JobColumns} FROM jobs WHERE id = @p;";
    private const string MessageByIdSql = $"SELECT {BufferedMessageColumns} FROM buffered_messages WHERE id = @p;";

    // One statement in its own transaction: rows another node is claiming right now are skipped, not waited for, and the
    // lease is committed before the timers fire. A lease that ran out (its node died) is free again.
    private const string ClaimTimersSql = $"""
        UPDATE subscriptions s SET lease_owner = @owner, lease_until = @until
        FROM (SELECT id FROM subscriptions
              WHERE due_at IS NOT NULL AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
              ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED) due
        WHERE s.id = due.id
        RETURNING {"s.id, s.kind, s.name, s.correlation_key, s.due_at, s.cycle, s.repeats_left, s.instance_id, s.token_id, s.activity_id, s.definition_id, s.process_key, s.created_at, s.lease_owner, s.lease_until"};
        """;

    private const string LockJobsSql = """
        UPDATE jobs j SET lock_owner = @owner, lock_expires_at = @until
        FROM (SELECT id FROM jobs
              WHERE topic = @topic AND retries > 0
                AND (lock_expires_at IS NULL OR lock_expires_at <= @now) AND (available_at IS NULL OR available_at <= @now)
              ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED) free
        WHERE j.id = free.id
        RETURNING j.id, j.topic, j.instance_id, j.token_id, j.activity_id, j.definition_id, j.process_key, j.retries, j.created_at,
                  j.lock_owner, j.lock_expires_at, j.available_at, j.error_message, j.failures, j.payload;
        """;

    private const string ExtendJobLockSql = $"""
        UPDATE jobs SET lock_expires_at = @until WHERE id = @id AND lock_owner = @owner AND lock_expires_at > @now
        RETURNING {JobColumns};
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<SubscriptionRecord>> ClaimDueTimersAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        var claimed = await ReadAsync(s => s.ListAsync(ClaimTimersSql, Subscription,
            Param.Text(owner).Named("owner"), Param.Time(leaseUntil).Named("until"), Param.Time(now).Named("now"), Param.Int(limit).Named("limit")), cancellationToken).ConfigureAwait(false);
        claimed.Sort(static (a, b) => Nullable.Compare(a.DueAt, b.DueAt)); // RETURNING gives no order; earliest first
        return claimed;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The earliest timers by the partial index on <c>due_at</c> (a bounded window): each can be claimed at its due time
    /// or, while leased, when the lease runs out. Any timer past the window is due no earlier than the window's last.
    /// </remarks>
    public Task<DateTimeOffset?> GetNextTimerDueAsync(CancellationToken cancellationToken) =>
        ReadAsync(async s =>
        {
            var rows = await s.ListAsync(NextDueSql, static r => (Due: r.GetInt64(0), Lease: r.IsDBNull(1) ? (long?)null : r.GetInt64(1))).ConfigureAwait(false);
            long? earliest = null;
            foreach (var (due, lease) in rows)
            {
                var claimable = lease is { } l ? Math.Max(due, l) : due;
                earliest = earliest is { } e ? Math.Min(e, claimable) : claimable;
            }

            if (rows.Count == NextDueWindow && earliest is { } bounded)
            {
                earliest = Math.Min(bounded, rows[^1].Due);
            }

            return earliest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(SubscriptionByIdSql, id, Subscription), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SubscriptionRecord>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {SubscriptionColumns} FROM subscriptions WHERE true");
        var parameters = new List<NpgsqlParameter>();
        void Where(string clause, string name, string? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(clause);
                parameters.Add(Param.Text(value).Named(name));
            }
        }

        Where("kind = @kind", "kind", query.Kind);
        Where("name = @name", "name", query.Name);
        if (query.Name is not null)
        {
            sql.Append(" AND name IS NOT NULL");
        }

        Where("correlation_key = @key", "key", query.CorrelationKey);
        Where("instance_id = @instance", "instance", query.InstanceId);
        if (query.InstanceId is null)
        {
            sql.Append(query.Starts ? " AND instance_id IS NULL" : " AND instance_id IS NOT NULL");
        }

        sql.Append(" ORDER BY id LIMIT @limit;"); // ids are time-ordered: oldest first, along the name index
        parameters.Add(Param.Int(query.Limit).Named("limit"));
        var text = sql.ToString();
        return ReadAsync<IReadOnlyList<SubscriptionRecord>>(async s => await s.ListAsync(text, Subscription, [.. parameters]).ConfigureAwait(false), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobRecord?> GetJobAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(JobByIdSql, id, Job), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> QueryJobsAsync(string? topic, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<JobRecord>>(async s => topic is null
            ? await s.ListAsync($"SELECT {JobColumns} FROM jobs ORDER BY id LIMIT @limit;", Job, Param.Int(limit).Named("limit")).ConfigureAwait(false)
            : await s.ListAsync($"SELECT {JobColumns} FROM jobs WHERE topic = @topic ORDER BY id LIMIT @limit;", Job,
                Param.Int(limit).Named("limit"), Param.Text(topic).Named("topic")).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Jobs are work in flight, not an archive: the total is a plain COUNT.</remarks>
    public Task<Page<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keyset = new KeysetQuery<JobRecord>
        {
            Columns = JobColumns,
            From = "jobs",
            KeyColumn = "id",
            Descending = false,
            Map = Job,
            KeyOf = static j => j.Id,
        }.Where("topic = @topic", "topic", query.Topic);
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, query.Page, t => KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One statement with <c>FOR UPDATE SKIP LOCKED</c>: workers on any node locking at once get disjoint batches without waiting.</remarks>
    public async Task<IReadOnlyList<JobRecord>> LockJobsAsync(string topic, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, int limit, CancellationToken cancellationToken)
    {
        var locked = await ReadAsync(s => s.ListAsync(LockJobsSql, Job,
            Param.Text(workerId).Named("owner"), Param.Time(lockUntil).Named("until"), Param.Text(topic).Named("topic"),
            Param.Time(now).Named("now"), Param.Int(limit).Named("limit")), cancellationToken).ConfigureAwait(false);
        locked.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id)); // RETURNING gives no order; workers get the oldest first
        return locked;
    }

    /// <inheritdoc />
    public async Task<JobRecord?> ExtendJobLockAsync(string jobId, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(s => s.ListAsync(ExtendJobLockSql, Job,
            Param.Time(lockUntil).Named("until"), Param.Text(jobId).Named("id"), Param.Text(workerId).Named("owner"), Param.Time(now).Named("now")),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<BufferedMessageRecord?> GetBufferedMessageAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(MessageByIdSql, id, BufferedMessage), cancellationToken);

    /// <inheritdoc />
    public async Task<BufferedMessageRecord?> FindBufferedMessageAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(s => s.ListAsync($"""
            SELECT {BufferedMessageColumns} FROM buffered_messages
            WHERE name = @name AND (correlation_key IS NULL OR correlation_key = @key) AND expires_at > @now
            ORDER BY created_at, id LIMIT 1;
            """, BufferedMessage, Param.Text(name).Named("name"), Param.Text(correlationKey).Named("key"), Param.Time(now).Named("now")),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
