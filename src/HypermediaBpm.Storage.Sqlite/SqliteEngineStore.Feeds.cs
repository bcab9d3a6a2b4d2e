using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using static HypermediaBpm.Storage.Sqlite.Reading.RowMappers;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    // AUTOINCREMENT keeps the highest sequence ever handed out here; MAX(seq) would go down after a delete.
    private const string LastSequenceSql = "SELECT seq FROM sqlite_sequence WHERE name = 'history';";

    /// <summary>
    /// <c>ix_history_type</c> (migration 0026) leaves out the activity events, most of the history and never asked for
    /// by type by the server: a feed of one of those types is a walk down the sequence instead, which finds them densely.
    /// </summary>
    private const string TypeIndexCondition = "h.type NOT LIKE 'activity-%'";

    private const string ActivityTypePrefix = "activity-";

    /// <inheritdoc />
    /// <remarks>
    /// Several event types are read as one <c>UNION ALL</c> of per-type range seeks on <c>history (type, seq)</c>
    /// or <c>(process_key, type, seq)</c>, each limited, then merged: SQLite does not merge an <c>IN</c> list
    /// in index order by itself, and would otherwise sort every matching row to return the newest few.
    /// </remarks>
    public Task<IReadOnlyList<HistoryEvent>> QueryFeedAsync(FeedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Max(1, query.Limit);
        var filter = query.Filter;
        List<string?> types = filter.Types is { Count: > 0 } t ? [.. t.Distinct(StringComparer.Ordinal)] : [null];
        var order = query.OldestFirst ? "ASC" : "DESC";
        var parameters = new List<KeyValuePair<string, object>>();
        var branches = new List<string>();
        for (var i = 0; i < types.Count; i++)
        {
            var conditions = new List<string>();
            if (types[i] is { } type)
            {
                conditions.Add($"h.type = $type{i}");
                parameters.Add(new($"$type{i}", type));
                if (!type.StartsWith(ActivityTypePrefix, StringComparison.OrdinalIgnoreCase))
                {
                    // The index's own WHERE term, word for word: SQLite uses a partial index only for a query that states it.
                    conditions.Add(TypeIndexCondition);
                }
            }

            var from = "history h";
            if (filter.Participant is { } participant)
            {
                // The participant index decides the order; the join only fetches the rows.
                from = "feed_participants p JOIN history h ON h.seq = p.seq";
                conditions.Add("p.participant = $participant");
            }

            AddCondition(conditions, "h.process_key = $process", filter.ProcessKey);
            AddCondition(conditions, "h.instance_id = $instance", filter.InstanceId);
            var key = filter.Participant is null ? "h.seq" : "p.seq";
            AddCondition(conditions, $"{key} > $after", query.AfterSequence);
            AddCondition(conditions, $"{key} <= $upTo", query.UpToSequence);
            var sql = new StringBuilder("SELECT ").Append(QualifiedHistoryColumns).Append(" FROM ").Append(from);
            if (conditions.Count > 0)
            {
                sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
            }

            sql.Append(" ORDER BY ").Append(key).Append(' ').Append(order).Append(" LIMIT $limit");
            branches.Add(types.Count == 1 ? sql.ToString() : "SELECT * FROM (" + sql + ")");
        }

        var text = types.Count == 1
            ? branches[0] + ";"
            : string.Join(" UNION ALL ", branches) + $" ORDER BY 1 {order} LIMIT $limit;";
        AddParameter(parameters, "$participant", filter.Participant);
        AddParameter(parameters, "$process", filter.ProcessKey);
        AddParameter(parameters, "$instance", filter.InstanceId);
        AddParameter(parameters, "$after", query.AfterSequence);
        AddParameter(parameters, "$upTo", query.UpToSequence);
        parameters.Add(new("$limit", limit));

        return Reads.ReadAsync<IReadOnlyList<HistoryEvent>>(c =>
        {
            var command = c.Command(text);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var events = new List<HistoryEvent>();
            while (reader.Read())
            {
                events.Add(History(reader));
            }

            return events;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> GetLastHistorySequenceAsync(CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Scalar(LastSequenceSql), cancellationToken);

    private static readonly string QualifiedHistoryColumns = string.Join(", ", HistoryColumns.Split(", ").Select(c => "h." + c));

    private static void AddCondition(List<string> conditions, string condition, object? value)
    {
        if (value is not null)
        {
            conditions.Add(condition);
        }
    }

    private static void AddParameter(List<KeyValuePair<string, object>> parameters, string name, object? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }
    }
}
