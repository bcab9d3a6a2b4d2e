using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;
using HypermediaBpm.Storage.Sqlite.Writing;
using static HypermediaBpm.Storage.Sqlite.Reading.RowMappers;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string SubscriptionByIdSql = $"SELECT {WriterStatements.SubscriptionColumns} FROM subscriptions WHERE id = $id;";
    /// <summary>How many of the earliest timers <see cref="GetNextTimerDueAsync"/> looks at for leases.</summary>
    private const int NextDueWindow = 32;

    private const string NextDueSql = "SELECT due_at, lease_until FROM subscriptions WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 32;"; // NextDueWindow rows
    private const string JobByIdSql = $"SELECT {JobColumns} FROM jobs WHERE id = $id;";
    private const string MessageByIdSql = $"SELECT {BufferedMessageColumns} FROM buffered_messages WHERE id = $id;";

    /// <inheritdoc />
    public Task<IReadOnlyList<SubscriptionRecord>> ClaimDueTimersAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ClaimTimersOperation(owner, now, leaseUntil, limit), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The earliest timers by the partial index on <c>due_at</c> (a bounded window): each can be claimed at
    /// its due time or, while leased, when the lease runs out. Any timer past the window is due no earlier
    /// than the window's last, so that bounds the answer too.
    /// </remarks>
    public Task<DateTimeOffset?> GetNextTimerDueAsync(CancellationToken cancellationToken) =>
        Reads.ReadAsync(c =>
        {
            using var reader = c.Command(NextDueSql).ExecuteReader();
            long? earliest = null;
            long last = 0;
            var rows = 0;
            while (reader.Read())
            {
                last = reader.GetInt64(0);
                var claimable = reader.IsDBNull(1) ? last : Math.Max(last, reader.GetInt64(1));
                earliest = earliest is { } e ? Math.Min(e, claimable) : claimable;
                rows++;
            }

            if (rows == NextDueWindow && earliest is { } bounded)
            {
                earliest = Math.Min(bounded, last);
            }

            return earliest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(SubscriptionByIdSql, "$id", id, Subscription), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SubscriptionRecord>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {WriterStatements.SubscriptionColumns} FROM subscriptions WHERE 1 = 1");
        var parameters = new List<(string, object)>();
        void Where(string clause, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(clause);
                parameters.Add((name, value));
            }
        }

        Where("kind = $kind", "$kind", query.Kind);
        Where("name = $name", "$name", query.Name);
        if (query.Name is not null)
        {
            sql.Append(" AND name IS NOT NULL");
        }

        Where("correlation_key = $key", "$key", query.CorrelationKey);
        Where("instance_id = $instance", "$instance", query.InstanceId);
        if (query.InstanceId is null)
        {
            sql.Append(query.Starts ? " AND instance_id IS NULL" : " AND instance_id IS NOT NULL");
        }

        sql.Append(" ORDER BY id LIMIT $limit;"); // ids are time-ordered: oldest first, along the name index
        parameters.Add(("$limit", query.Limit));
        var text = sql.ToString();
        return Reads.ReadAsync<IReadOnlyList<SubscriptionRecord>>(c =>
        {
            var command = c.Command(text);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<SubscriptionRecord>();
            while (reader.Read())
            {
                rows.Add(Subscription(reader));
            }

            return rows;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobRecord?> GetJobAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(JobByIdSql, "$id", id, Job), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> QueryJobsAsync(string? topic, int limit, CancellationToken cancellationToken) =>
        Reads.ReadAsync<IReadOnlyList<JobRecord>>(c =>
        {
            var command = c.Command(topic is null
                ? $"SELECT {JobColumns} FROM jobs ORDER BY id LIMIT $limit;"
                : $"SELECT {JobColumns} FROM jobs WHERE topic = $topic ORDER BY id LIMIT $limit;");
            command.Parameters.AddWithValue("$limit", limit);
            if (topic is not null)
            {
                command.Parameters.AddWithValue("$topic", topic);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<JobRecord>();
            while (reader.Read())
            {
                rows.Add(Job(reader));
            }

            return rows;
        }, cancellationToken);

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
        }.Where("topic = $topic", "$topic", query.Topic);
        return Reads.ReadAsync(c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, query.Page, t => KeysetPager.Count(t, keyset))), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobRecord>> LockJobsAsync(string topic, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, int limit, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new LockJobsOperation(topic, workerId, now, lockUntil, limit), cancellationToken);

    /// <inheritdoc />
    public Task<JobRecord?> ExtendJobLockAsync(string jobId, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ExtendJobLockOperation(jobId, workerId, now, lockUntil), cancellationToken);

    /// <inheritdoc />
    public Task<BufferedMessageRecord?> GetBufferedMessageAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(MessageByIdSql, "$id", id, BufferedMessage), cancellationToken);

    /// <inheritdoc />
    public Task<BufferedMessageRecord?> FindBufferedMessageAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c =>
        {
            var command = c.Command($"""
                SELECT {BufferedMessageColumns} FROM buffered_messages
                WHERE name = $name AND (correlation_key IS NULL OR correlation_key = $key) AND expires_at > $now
                ORDER BY created_at, id LIMIT 1;
                """);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$key", (object?)correlationKey ?? DBNull.Value);
            command.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
            using var reader = command.ExecuteReader();
            return reader.Read() ? BufferedMessage(reader) : null;
        }, cancellationToken);
}
