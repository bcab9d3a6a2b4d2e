using HypermediaBpm.Storage;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// The statements that append a batch's events. Sequences come from the <c>history_seq</c> counter, bumped in the same
/// statement, so numbers are handed out under that row's lock in commit order and never reused (not even after a
/// delete). Worklist feeds index task events by participant: the participants are read from the event's data here,
/// as the SQLite store does (<see cref="HistoryParticipants"/>).
/// </summary>
internal static class HistoryStatements
{
    private const string InsertSql = """
        WITH s AS (UPDATE store_counters SET n = n + $1 WHERE name = 'history_seq' RETURNING n)
        INSERT INTO history (seq, instance_id, process_key, type, activity_id, activity_name, element_id, user_name, occurred_at, data_json, node_id)
        SELECT s.n - $1 + e.ord, e.instance_id, e.process_key, e.type, e.activity_id, e.activity_name, e.element_id, e.user_name, e.occurred_at, e.data_json, $11
        FROM s, unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[])
             WITH ORDINALITY AS e (instance_id, process_key, type, activity_id, activity_name, element_id, user_name, occurred_at, data_json, ord);
        """;

    // Runs after the insert in the same batch, so the counter it reads is this transaction's own new value.
    private const string ParticipantsSql = """
        INSERT INTO feed_participants (participant, seq)
        SELECT p.participant, (SELECT n FROM store_counters WHERE name = 'history_seq') - $3 + p.ord
        FROM unnest($1::text[], $2::bigint[]) AS p (participant, ord)
        ON CONFLICT DO NOTHING;
        """;

    public static NpgsqlBatchCommand Insert(IReadOnlyList<HistoryEvent> events, string nodeId)
    {
        string?[] Column(Func<HistoryEvent, string?> pick) => events.Select(pick).ToArray();
        return Commands.Batch(InsertSql,
            Param.Long(events.Count),
            Param.TextArray(Column(e => e.InstanceId)), Param.TextArray(Column(e => e.ProcessKey)), Param.TextArray(Column(e => e.Type)),
            Param.TextArray(Column(e => e.ActivityId)), Param.TextArray(Column(e => e.ActivityName)), Param.TextArray(Column(e => e.ElementId)),
            Param.TextArray(Column(e => e.User)), Param.LongArray(events.Select(e => PostgresTime.ToTicks(e.Timestamp)).ToArray()),
            Param.TextArray(Column(e => e.DataJson)), Param.Text(nodeId));
    }

    /// <summary>The worklist feed rows of the task events among <paramref name="events"/>; null when there are none.</summary>
    public static NpgsqlBatchCommand? FeedParticipants(IReadOnlyList<HistoryEvent> events)
    {
        var participants = new List<string?>();
        var positions = new List<long>();
        for (var i = 0; i < events.Count; i++)
        {
            if (HistoryParticipants.IsIndexed(events[i].Type))
            {
                foreach (var participant in HistoryParticipants.Of(events[i].DataJson))
                {
                    participants.Add(participant);
                    positions.Add(i + 1);
                }
            }
        }

        return participants.Count == 0
            ? null
            : Commands.Batch(ParticipantsSql, Param.TextArray(participants), Param.LongArray([.. positions]), Param.Long(events.Count));
    }
}
