using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// One batch of history retention: finds up to the limit ended instances past their time to live (one range of
/// <c>ix_instances_ended</c> per version), locking them and skipping any a command holds, and removes them with their
/// subscriptions, jobs, tasks and history in one round trip, children first. The store's triggers do the rest: instance
/// and task counters go down (on this node's stripe), member-feed positions go; worklist participants and candidate
/// groups cascade. The history counter is the writer's, so it is decremented here. An ended instance called by an
/// instance that has not ended stays.
/// </summary>
internal sealed class RemoveExpiredInstancesOperation(RetentionRequest request) : WriteOperation<RetentionBatch>
{
    private static readonly string SelectSql = $"""
        SELECT i.id FROM definitions d JOIN instances i ON i.definition_id = d.id
        WHERE COALESCE(d.history_ttl, $1) IS NOT NULL
          AND i.ended_at IS NOT NULL AND i.ended_at <= $2 - COALESCE(d.history_ttl, $1)
          AND i.state IN ('{InstanceStates.Completed}', '{InstanceStates.Terminated}')
          AND (i.parent_instance_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM instances p WHERE p.id = i.parent_instance_id AND p.ended_at IS NULL))
        LIMIT $3
        FOR UPDATE OF i SKIP LOCKED;
        """;

    protected override async Task<RetentionBatch> ExecuteAsync(WriteSession session)
    {
        var ids = await session.QueryAsync(SelectSql, r => r.GetString(0),
            Param.Long(request.DefaultTimeToLive?.Ticks), Param.Time(request.Now), Param.Int(request.Limit)).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return RetentionBatch.None;
        }

        var affected = await session.ExecuteAsync(
            Commands.Batch("DELETE FROM subscriptions WHERE instance_id = ANY($1);", Param.TextArray(ids)),
            Commands.Batch("DELETE FROM jobs WHERE instance_id = ANY($1);", Param.TextArray(ids)),
            Commands.Batch("DELETE FROM tasks WHERE instance_id = ANY($1);", Param.TextArray(ids)),
            Commands.Batch("DELETE FROM history WHERE instance_id = ANY($1);", Param.TextArray(ids)),
            Commands.Batch("DELETE FROM instances WHERE id = ANY($1);", Param.TextArray(ids))).ConfigureAwait(false);
        session.History.HistoryRemoved(affected[3]);
        return new RetentionBatch(Instances: affected[4], Tasks: affected[2], HistoryEvents: affected[3], Subscriptions: affected[0], Jobs: affected[1]);
    }
}
