using System.Data.Common;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>The columns of a batch row as <see cref="BatchRows.Read"/> maps them.</summary>
internal static class BatchRows
{
    public const string Columns =
        "id, operation, filter_json, created_by, created_at, updated_at, state, total, position, done, failed, failures_json, lease_owner, lease_until";

    public static BatchRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), BatchJson.Filter(r.GetString(2)), r.GetString(3), PostgresTime.Read(r, 4), PostgresTime.Read(r, 5),
        r.GetString(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), BatchJson.Failures(r.GetString(11)))
    {
        LeaseOwner = r.NullableString(12),
        LeaseUntil = r.IsDBNull(13) ? null : PostgresTime.Read(r, 13),
    };
}

/// <summary>Freezes the selection (one INSERT … SELECT in the writer's transaction: a snapshot) and keeps the batch.</summary>
internal sealed class CreateBatchOperation(NewBatch b) : WriteOperation<BatchRecord>
{
    protected override async Task<BatchRecord> ExecuteAsync(WriteSession session)
    {
        var parameters = new List<NpgsqlParameter> { Param.Text(b.Id), Param.Int(b.MaxInstances + 1) };
        var conditions = new List<string>();
        foreach (var (column, value) in new[] { ("process_key", b.Filter.ProcessKey), ("state", b.Filter.State), ("business_key", b.Filter.BusinessKey) })
        {
            if (value is not null)
            {
                parameters.Add(Param.Text(value));
                conditions.Add($"{column} = ${parameters.Count}");
            }
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var total = await session.ExecuteAsync($"""
            INSERT INTO batch_instances (batch_id, seq, instance_id)
            SELECT $1, (ROW_NUMBER() OVER (ORDER BY id) - 1)::integer, id FROM (SELECT id FROM instances {where} ORDER BY id LIMIT $2) selected;
            """, [.. parameters]).ConfigureAwait(false);
        if (total > b.MaxInstances)
        {
            // Thrown inside the operation's savepoint: the rows just inserted are rolled back with it.
            throw new ValidationException("BATCH_TOO_LARGE", $"The filter selects more than {b.MaxInstances} instances; narrow it.",
                [new ValidationError("BATCH_TOO_LARGE", $"At most {b.MaxInstances} instances per batch.", "filter")]);
        }

        var state = total == 0 ? BatchStates.Completed : BatchStates.Running;
        var batch = new BatchRecord(b.Id, b.Operation, b.Filter, b.CreatedBy, b.CreatedAt, b.CreatedAt, state, total, 0, 0, 0, []);
        await session.ExecuteAsync("""
            INSERT INTO batches (id, operation, filter_json, created_by, created_at, updated_at, state, total, position, done, failed, failures_json)
            VALUES ($1, $2, $3, $4, $5, $5, $6, $7, 0, 0, 0, '[]');
            """, Param.Text(b.Id), Param.Text(b.Operation), Param.Text(BatchJson.Filter(b.Filter)), Param.Text(b.CreatedBy), Param.Time(b.CreatedAt),
            Param.Text(state), Param.Int(total)).ConfigureAwait(false);
        session.History.Append([BatchJson.Event(batch, BatchHistoryTypes.Created, b.CreatedBy, b.CreatedAt, new { operation = b.Operation, total })]);
        if (total == 0)
        {
            session.History.Append([BatchJson.Event(batch, BatchHistoryTypes.Completed, null, b.CreatedAt, new { done = 0, failed = 0, total })]);
        }

        return batch;
    }
}

/// <summary>Leases the oldest running batch that is free, expired, or already this owner's; one another node is claiming is skipped.</summary>
internal sealed class ClaimBatchOperation(string owner, DateTimeOffset now, DateTimeOffset leaseUntil) : WriteOperation<BatchRecord?>
{
    protected override async Task<BatchRecord?> ExecuteAsync(WriteSession session)
    {
        var rows = await session.QueryAsync($"""
            UPDATE batches b SET lease_owner = $1, lease_until = $2
            FROM (SELECT id FROM batches WHERE state = 'running' AND (lease_owner IS NULL OR lease_owner = $1 OR lease_until <= $3)
                  ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) free
            WHERE b.id = free.id
            RETURNING {Prefixed("b.")};
            """, BatchRows.Read, Param.Text(owner), Param.Time(leaseUntil), Param.Time(now)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static string Prefixed(string alias) => string.Join(", ", BatchRows.Columns.Split(", ").Select(c => alias + c));
}

/// <summary>Ends an owner's lease (nothing when another owner holds it).</summary>
internal sealed class ReleaseBatchOperation(string id, string owner) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session) =>
        await session.ExecuteAsync("UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2;",
            Param.Text(id), Param.Text(owner)).ConfigureAwait(false) == 1;
}

/// <summary>Records a chunk only while the owner holds the running batch at the chunk's start position (the row locked meanwhile).</summary>
internal sealed class RecordBatchChunkOperation(BatchChunk c) : WriteOperation<BatchRecord?>
{
    protected override async Task<BatchRecord?> ExecuteAsync(WriteSession session)
    {
        var rows = await session.QueryAsync($"SELECT {BatchRows.Columns} FROM batches WHERE id = $1 FOR UPDATE;", BatchRows.Read, Param.Text(c.BatchId))
            .ConfigureAwait(false);
        if (rows.Count == 0 || rows[0] is not { State: BatchStates.Running } batch || batch.LeaseOwner != c.Owner || batch.Position != c.From)
        {
            return null;
        }

        var position = Math.Min(c.To, batch.Total);
        var after = batch with
        {
            Position = position,
            Done = batch.Done + c.Done,
            Failed = batch.Failed + c.Failed,
            Failures = BatchJson.Keep(batch.Failures, c.Failures),
            UpdatedAt = c.At,
            State = position >= batch.Total ? BatchStates.Completed : BatchStates.Running,
            LeaseUntil = c.LeaseUntil,
        };
        await session.ExecuteAsync("""
            UPDATE batches SET position = $2, done = $3, failed = $4, failures_json = $5, updated_at = $6, state = $7, lease_until = $8
            WHERE id = $1;
            """, Param.Text(c.BatchId), Param.Int(after.Position), Param.Int(after.Done), Param.Int(after.Failed), Param.Text(BatchJson.Failures(after.Failures)),
            Param.Time(c.At), Param.Text(after.State), Param.Time(c.LeaseUntil)).ConfigureAwait(false);
        session.History.Append([BatchJson.Event(after, BatchHistoryTypes.ChunkProcessed, null, c.At, BatchJson.ChunkData(c, after))]);
        if (after.State == BatchStates.Completed)
        {
            session.History.Append([BatchJson.Event(after, BatchHistoryTypes.Completed, null, c.At, new { done = after.Done, failed = after.Failed, total = after.Total })]);
        }

        return after;
    }
}

/// <summary>Cancels a running batch; its lease goes with it, so no chunk of it is recorded afterwards.</summary>
internal sealed class CancelBatchOperation(string id, string? user, DateTimeOffset now) : WriteOperation<BatchRecord?>
{
    protected override async Task<BatchRecord?> ExecuteAsync(WriteSession session)
    {
        var rows = await session.QueryAsync($"""
            UPDATE batches SET state = 'cancelled', updated_at = $2, lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND state = 'running'
            RETURNING {BatchRows.Columns};
            """, BatchRows.Read, Param.Text(id), Param.Time(now)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var batch = rows[0];
        session.History.Append([BatchJson.Event(batch, BatchHistoryTypes.Cancelled, user, now, new { done = batch.Done, failed = batch.Failed, total = batch.Total })]);
        return batch;
    }
}
