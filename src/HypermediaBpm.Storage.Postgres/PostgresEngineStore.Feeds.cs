using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;
using static HypermediaBpm.Storage.Postgres.Reading.RowMappers;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    // The writer bumps this row in the transaction that appends the events, under its lock: every sequence up to it is committed.
    private const string LastSequenceSql = "SELECT n FROM store_counters WHERE name = 'history_seq';";

    private static readonly string QualifiedHistoryColumns = string.Join(", ", HistoryColumns.Split(", ").Select(c => "h." + c));

    /// <inheritdoc />
    /// <remarks>
    /// Several event types are read as one <c>UNION ALL</c> of per-type range scans on <c>history (type, seq)</c> or
    /// <c>(process_key, type, seq)</c>, each limited, then merged, so the newest few are found without sorting every match.
    /// </remarks>
    public Task<IReadOnlyList<HistoryEvent>> QueryFeedAsync(FeedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Max(1, query.Limit);
        var filter = query.Filter;
        List<string?> types = filter.Types is { Count: > 0 } t ? [.. t.Distinct(StringComparer.Ordinal)] : [null];
        var order = query.OldestFirst ? "ASC" : "DESC";
        var parameters = new List<NpgsqlParameter>();
        var branches = new List<string>();
        var key = filter.Participant is null ? "h.seq" : "p.seq";
        for (var i = 0; i < types.Count; i++)
        {
            var conditions = new List<string>();
            if (types[i] is { } type)
            {
                conditions.Add($"h.type = @type{i}");
                parameters.Add(Param.Text(type).Named($"type{i}"));
            }

            // The participant index decides the order; the join only fetches the rows.
            var from = filter.Participant is null ? "history h" : "feed_participants p JOIN history h ON h.seq = p.seq";
            AddCondition(conditions, "p.participant = @participant", filter.Participant);
            AddCondition(conditions, "h.process_key = @process", filter.ProcessKey);
            AddCondition(conditions, "h.instance_id = @instance", filter.InstanceId);
            AddCondition(conditions, $"{key} > @after", query.AfterSequence);
            AddCondition(conditions, $"{key} <= @upTo", query.UpToSequence);
            var sql = new StringBuilder("SELECT ").Append(QualifiedHistoryColumns).Append(" FROM ").Append(from);
            if (conditions.Count > 0)
            {
                sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
            }

            sql.Append(" ORDER BY ").Append(key).Append(' ').Append(order).Append(" LIMIT @limit");
            branches.Add(types.Count == 1 ? sql.ToString() : "(" + sql + ")");
        }

        var text = types.Count == 1 ? branches[0] : string.Join(" UNION ALL ", branches) + $" ORDER BY 1 {order} LIMIT @limit";
        AddParameter(parameters, "participant", filter.Participant);
        AddParameter(parameters, "process", filter.ProcessKey);
        AddParameter(parameters, "instance", filter.InstanceId);
        AddParameter(parameters, "after", query.AfterSequence);
        AddParameter(parameters, "upTo", query.UpToSequence);
        parameters.Add(Param.Int(limit).Named("limit"));
        return ReadAsync<IReadOnlyList<HistoryEvent>>(async s => await s.ListAsync(text, History, [.. parameters]).ConfigureAwait(false), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> GetLastHistorySequenceAsync(CancellationToken cancellationToken) =>
        ReadAsync(s => s.ScalarAsync(LastSequenceSql), cancellationToken);

    private static void AddCondition(List<string> conditions, string condition, object? value)
    {
        if (value is not null)
        {
            conditions.Add(condition);
        }
    }

    private static void AddParameter(List<NpgsqlParameter> parameters, string name, object? value)
    {
        if (value is not null)
        {
            parameters.Add(Param.Of(value).Named(name));
        }
    }
}
