using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    // Counters are striped by node: a (process, state) total is the sum over its stripes.
    private const string InstanceCountsSql = """
        SELECT process_key, state, SUM(n)::bigint FROM instance_counts
        GROUP BY process_key, state HAVING SUM(n) > 0 ORDER BY process_key, state;
        """;

    /// <summary>
    /// Tokens and incidents now, per element: the history of the process's not-ended instances (by the
    /// <c>ix_instances_process_state</c> and <c>ix_history_instance</c> indexes), each start counted up and each end down.
    /// </summary>
    private const string LiveStatisticsSql = """
        SELECT h.activity_id,
               SUM(CASE WHEN h.type = @started THEN 1 WHEN h.type IN (@completed, @cancelled) THEN -1 ELSE 0 END)::bigint,
               SUM(CASE WHEN h.type = @incident THEN 1 WHEN h.type IN (@retried, @resolved) THEN -1 ELSE 0 END)::bigint
        FROM instances i JOIN history h ON h.instance_id = i.id
        WHERE i.process_key = @process AND i.state IN (@running, @suspended, @failed) AND h.activity_id IS NOT NULL
        GROUP BY h.activity_id;
        """;

    /// <summary>
    /// Time spent, per element, over the latest instances: each completion paired with the latest start of the same
    /// element in the same instance before it (an element passed within one step took no time).
    /// </summary>
    private const string TimeSpentSql = """
        SELECT activity_id, COUNT(spent), SUM(spent)::bigint FROM (
            SELECT c.activity_id AS activity_id,
                   CASE WHEN c.type = @passed THEN 0 ELSE c.occurred_at - (
                       SELECT s.occurred_at FROM history s
                       WHERE s.instance_id = c.instance_id AND s.activity_id = c.activity_id AND s.type = @started AND s.seq < c.seq
                       ORDER BY s.seq DESC LIMIT 1) END AS spent
            FROM (SELECT id FROM instances WHERE process_key = @process ORDER BY id DESC LIMIT @sample) i
            JOIN history c ON c.instance_id = i.id
            WHERE c.type IN (@completed, @passed) AND c.activity_id IS NOT NULL) AS completions
        GROUP BY activity_id;
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceCount>> QueryInstanceCountsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<InstanceCount>>(
            async s => await s.ListAsync(InstanceCountsSql, static r => new InstanceCount(r.GetString(0), r.GetString(1), r.GetInt64(2))).ConfigureAwait(false),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ActivityStatistics>> QueryActivityStatisticsAsync(ActivityStatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SnapshotAsync<IReadOnlyList<ActivityStatistics>>(s => StatisticsAsync(s, query), cancellationToken);
    }

    private static async Task<IReadOnlyList<ActivityStatistics>> StatisticsAsync(ReadSession session, ActivityStatisticsQuery query)
    {
        var byActivity = new Dictionary<string, ActivityStatistics>(StringComparer.Ordinal);
        var live = await session.ListAsync(LiveStatisticsSql, static r => (Id: r.GetString(0), Waiting: r.GetInt64(1), Incidents: r.GetInt64(2)),
        [
            .. Types(query.ProcessKey, "started", "completed", "cancelled", "incident", "retried", "resolved"),
            Param.Text(InstanceStates.Running).Named("running"),
            Param.Text(InstanceStates.Suspended).Named("suspended"),
            Param.Text(InstanceStates.Failed).Named("failed"),
        ]).ConfigureAwait(false);
        foreach (var (id, waiting, incidents) in live)
        {
            byActivity[id] = new ActivityStatistics(id, Math.Max(0, waiting), Math.Max(0, incidents), 0, TimeSpan.Zero);
        }

        var spent = await session.ListAsync(TimeSpentSql, static r => (Id: r.GetString(0), Completed: r.GetInt64(1), Ticks: r.IsDBNull(2) ? 0 : r.GetInt64(2)),
        [
            .. Types(query.ProcessKey, "started", "completed", "passed"),
            Param.Long(Math.Max(1, query.SampleSize)).Named("sample"),
        ]).ConfigureAwait(false);
        foreach (var (id, completed, ticks) in spent)
        {
            var known = byActivity.GetValueOrDefault(id) ?? new ActivityStatistics(id, 0, 0, 0, TimeSpan.Zero);
            byActivity[id] = known with { Completed = completed, TimeSpent = TimeSpan.FromTicks(ticks) };
        }

        return byActivity.Values.Where(a => a.Waiting > 0 || a.Incidents > 0 || a.Completed > 0).OrderBy(a => a.ActivityId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The process filter and the named history types one statement uses, each typed.</summary>
    private static IEnumerable<NpgsqlParameter> Types(string processKey, params string[] names)
    {
        yield return Param.Text(processKey).Named("process");
        foreach (var name in names)
        {
            yield return Param.Text(name switch
            {
                "started" => HistoryTypes.ActivityStarted,
                "completed" => HistoryTypes.ActivityCompleted,
                "cancelled" => HistoryTypes.ActivityCancelled,
                "passed" => HistoryTypes.ActivityPassed,
                "incident" => HistoryTypes.IncidentCreated,
                "retried" => HistoryTypes.IncidentRetried,
                _ => HistoryTypes.IncidentResolved,
            }).Named(name);
        }
    }
}
