using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string InstanceCountsSql = "SELECT process_key, state, n FROM instance_counts WHERE n > 0 ORDER BY process_key, state;";

    /// <summary>
    /// Tokens and incidents now, per element: the history of the process's not-ended instances (by the
    /// <c>ix_instances_process_state</c> and <c>ix_history_instance</c> indexes), each start counted up and each
    /// end counted down.
    /// </summary>
    private const string LiveStatisticsSql = """
        SELECT h.activity_id,
               SUM(CASE WHEN h.type = $started THEN 1 WHEN h.type IN ($completed, $cancelled) THEN -1 ELSE 0 END),
               SUM(CASE WHEN h.type = $incident THEN 1 WHEN h.type IN ($retried, $resolved) THEN -1 ELSE 0 END)
        FROM instances i JOIN history h ON h.instance_id = i.id
        WHERE i.process_key = $process AND i.state IN ($running, $suspended, $failed) AND h.activity_id IS NOT NULL
        GROUP BY h.activity_id;
        """;

    /// <summary>
    /// Time spent, per element, over the latest instances: each completion paired with the latest start of the same
    /// element in the same instance before it (an element passed within one step took no time).
    /// </summary>
    private const string TimeSpentSql = """
        SELECT activity_id, COUNT(spent), SUM(spent) FROM (
            SELECT c.activity_id AS activity_id,
                   CASE WHEN c.type = $passed THEN 0 ELSE c.occurred_at - (
                       SELECT s.occurred_at FROM history s
                       WHERE s.instance_id = c.instance_id AND s.activity_id = c.activity_id AND s.type = $started AND s.seq < c.seq
                       ORDER BY s.seq DESC LIMIT 1) END AS spent
            FROM (SELECT id FROM instances WHERE process_key = $process ORDER BY id DESC LIMIT $sample) i
            JOIN history c ON c.instance_id = i.id
            WHERE c.type IN ($completed, $passed) AND c.activity_id IS NOT NULL)
        GROUP BY activity_id;
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceCount>> QueryInstanceCountsAsync(CancellationToken cancellationToken) =>
        Reads.ReadAsync<IReadOnlyList<InstanceCount>>(c =>
        {
            using var reader = c.Command(InstanceCountsSql).ExecuteReader();
            var counts = new List<InstanceCount>();
            while (reader.Read())
            {
                counts.Add(new InstanceCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }

            return counts;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ActivityStatistics>> QueryActivityStatisticsAsync(ActivityStatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Reads.ReadAsync<IReadOnlyList<ActivityStatistics>>(c => c.InSnapshot(s => Statistics(s, query)), cancellationToken);
    }

    private static List<ActivityStatistics> Statistics(ReadConnection connection, ActivityStatisticsQuery query)
    {
        var byActivity = new Dictionary<string, ActivityStatistics>(StringComparer.Ordinal);
        var live = connection.Command(LiveStatisticsSql);
        AddTypes(live, query.ProcessKey);
        live.Parameters.AddWithValue("$running", InstanceStates.Running);
        live.Parameters.AddWithValue("$suspended", InstanceStates.Suspended);
        live.Parameters.AddWithValue("$failed", InstanceStates.Failed);
        using (var reader = live.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                byActivity[id] = new ActivityStatistics(id, Math.Max(0, reader.GetInt64(1)), Math.Max(0, reader.GetInt64(2)), 0, TimeSpan.Zero);
            }
        }

        var spent = connection.Command(TimeSpentSql);
        AddTypes(spent, query.ProcessKey);
        spent.Parameters.AddWithValue("$sample", Math.Max(1, query.SampleSize));
        using (var reader = spent.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                var known = byActivity.GetValueOrDefault(id) ?? new ActivityStatistics(id, 0, 0, 0, TimeSpan.Zero);
                byActivity[id] = known with { Completed = reader.GetInt64(1), TimeSpent = TimeSpan.FromTicks(reader.IsDBNull(2) ? 0 : reader.GetInt64(2)) };
            }
        }

        return byActivity.Values.Where(a => a.Waiting > 0 || a.Incidents > 0 || a.Completed > 0).OrderBy(a => a.ActivityId, StringComparer.Ordinal).ToList();
    }

    private static void AddTypes(Microsoft.Data.Sqlite.SqliteCommand command, string processKey)
    {
        var sql = command.CommandText;
        command.Parameters.AddWithValue("$process", processKey);
        foreach (var (name, type) in new[]
        {
            ("$started", HistoryTypes.ActivityStarted), ("$completed", HistoryTypes.ActivityCompleted), ("$cancelled", HistoryTypes.ActivityCancelled),
            ("$passed", HistoryTypes.ActivityPassed), ("$incident", HistoryTypes.IncidentCreated), ("$retried", HistoryTypes.IncidentRetried),
            ("$resolved", HistoryTypes.IncidentResolved),
        })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, type);
            }
        }
    }
}
