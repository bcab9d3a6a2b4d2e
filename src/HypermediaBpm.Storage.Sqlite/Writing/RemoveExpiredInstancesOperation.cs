using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// One batch of history retention: finds up to the limit ended instances past their time to live (one range of
/// <c>ix_instances_ended</c> per version, versions without a time to live and with no default skipped) and removes
/// each with its subscriptions, jobs, tasks and history, children first. The store's triggers do the rest: instance and
/// task counters go down, member-feed positions and worklist participants of the removed members go, candidate groups
/// cascade. The history counter is the writer's, so it is decremented here. An ended instance called by an instance
/// that has not ended stays (its caller may still look at it).
/// </summary>
internal sealed class RemoveExpiredInstancesOperation(RetentionRequest request) : WriteOperation<RetentionBatch>
{
    private static readonly string SelectSql = $"""
        SELECT i.id FROM definitions d CROSS JOIN instances i
        WHERE COALESCE(d.history_ttl, $default) IS NOT NULL
          AND i.definition_id = d.id AND i.ended_at IS NOT NULL AND i.ended_at <= $now - COALESCE(d.history_ttl, $default)
          AND i.state IN ('{InstanceStates.Completed}', '{InstanceStates.Terminated}')
          AND (i.parent_instance_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM instances p WHERE p.id = i.parent_instance_id AND p.ended_at IS NULL))
        LIMIT $limit;
        """;

    protected override RetentionBatch Execute(WriterSession session)
    {
        var ids = new List<string>();
        using (var select = new PreparedCommand(session.Connection, SelectSql, "$default", "$now", "$limit"))
        {
            select.Set(0, request.DefaultTimeToLive?.Ticks).Set(1, SqliteTime.ToTicks(request.Now)).Set(2, request.Limit);
            using var reader = select.Reader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count == 0)
        {
            return RetentionBatch.None;
        }

        using var subscriptions = Delete(session, "DELETE FROM subscriptions WHERE instance_id = $id;");
        using var jobs = Delete(session, "DELETE FROM jobs WHERE instance_id = $id;");
        using var tasks = Delete(session, "DELETE FROM tasks WHERE instance_id = $id;");
        using var history = Delete(session, "DELETE FROM history WHERE instance_id = $id;");
        using var instances = Delete(session, "DELETE FROM instances WHERE id = $id;");
        var removed = new int[5];
        foreach (var id in ids)
        {
            removed[0] += subscriptions.Set(0, id).Execute();
            removed[1] += jobs.Set(0, id).Execute();
            removed[2] += tasks.Set(0, id).Execute();
            removed[3] += history.Set(0, id).Execute();
            removed[4] += instances.Set(0, id).Execute();
        }

        session.Counters.HistoryChanged(-removed[3]);
        return new RetentionBatch(Instances: removed[4], Tasks: removed[2], HistoryEvents: removed[3], Subscriptions: removed[0], Jobs: removed[1]);
    }

    private static PreparedCommand Delete(WriterSession session, string sql) => new(session.Connection, sql, "$id");
}
