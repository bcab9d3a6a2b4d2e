using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>The columns of a batch row as <see cref="BatchRows.Read"/> maps them.</summary>
internal static class BatchRows
{
    public const string Columns =
        "id, operation, filter_json, created_by, created_at, updated_at, state, total, position, done, failed, failures_json, lease_owner, lease_until";

    public static BatchRecord Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), BatchJson.Filter(r.GetString(2)), r.GetString(3), SqliteTime.Read(r, 4), SqliteTime.Read(r, 5),
        r.GetString(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), BatchJson.Failures(r.GetString(11)))
    {
        LeaseOwner = r.NullableString(12),
        LeaseUntil = r.IsDBNull(13) ? null : SqliteTime.Read(r, 13),
    };

    public static BatchRecord? Single(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public static BatchRecord? Get(WriterSession session, string id)
    {
        using var select = session.Connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM batches WHERE id = $id;";
        select.Parameters.AddWithValue("$id", id);
        return Single(select);
    }

    public static void Append(WriterSession session, HistoryEvent e) => CommitChangeSetOperation.AppendHistory(session, [e]);
}

/// <summary>Freezes the selection (one INSERT … SELECT in the writer's transaction: a snapshot) and keeps the batch.</summary>
internal sealed class CreateBatchOperation(NewBatch b) : WriteOperation<BatchRecord>
{
    protected override BatchRecord Execute(WriterSession session)
    {
        var conditions = new List<string>();
        using var insert = session.Connection.CreateCommand();
        Filter(conditions, insert, "process_key", "$process", b.Filter.ProcessKey);
        Filter(conditions, insert, "state", "$state", b.Filter.State);
        Filter(conditions, insert, "business_key", "$business", b.Filter.BusinessKey);
        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        insert.CommandText = $"""
            INSERT INTO batch_instances (batch_id, seq, instance_id)
            SELECT $id, ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM instances {where} ORDER BY id LIMIT $limit;
            """;
        insert.Parameters.AddWithValue("$id", b.Id);
        insert.Parameters.AddWithValue("$limit", b.MaxInstances + 1);
        var total = insert.ExecuteNonQuery();
        if (total > b.MaxInstances)
        {
            // Thrown inside the operation's savepoint: the rows just inserted are rolled back with it.
            throw new ValidationException("BATCH_TOO_LARGE", $"The filter selects more than {b.MaxInstances} instances; narrow it.",
                [new ValidationError("BATCH_TOO_LARGE", $"At most {b.MaxInstances} instances per batch.", "filter")]);
        }

        var state = total == 0 ? BatchStates.Completed : BatchStates.Running;
        var batch = new BatchRecord(b.Id, b.Operation, b.Filter, b.CreatedBy, b.CreatedAt, b.CreatedAt, state, total, 0, 0, 0, []);
        using var add = session.Connection.CreateCommand();
        add.CommandText = """
            INSERT INTO batches (id, operation, filter_json, created_by, created_at, updated_at, state, total, position, done, failed, failures_json)
            VALUES ($id, $operation, $filter, $by, $at, $at, $state, $total, 0, 0, 0, '[]');
            """;
        add.Parameters.AddWithValue("$id", b.Id);
        add.Parameters.AddWithValue("$operation", b.Operation);
        add.Parameters.AddWithValue("$filter", BatchJson.Filter(b.Filter));
        add.Parameters.AddWithValue("$by", b.CreatedBy);
        add.Parameters.AddWithValue("$at", SqliteTime.ToTicks(b.CreatedAt));
        add.Parameters.AddWithValue("$state", state);
        add.Parameters.AddWithValue("$total", total);
        add.ExecuteNonQuery();
        BatchRows.Append(session, BatchJson.Event(batch, BatchHistoryTypes.Created, b.CreatedBy, b.CreatedAt, new { operation = b.Operation, total }));
        if (total == 0)
        {
            BatchRows.Append(session, BatchJson.Event(batch, BatchHistoryTypes.Completed, null, b.CreatedAt, new { done = 0, failed = 0, total }));
        }

        return batch;
    }

    private static void Filter(List<string> conditions, SqliteCommand command, string column, string parameter, string? value)
    {
        if (value is not null)
        {
            conditions.Add($"{column} = {parameter}");
            command.Parameters.AddWithValue(parameter, value);
        }
    }
}

/// <summary>Leases the oldest running batch that is free, expired, or already this owner's, in one UPDATE … RETURNING.</summary>
internal sealed class ClaimBatchOperation(string owner, DateTimeOffset now, DateTimeOffset leaseUntil) : WriteOperation<BatchRecord?>
{
    protected override BatchRecord? Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();
        update.CommandText = $"""
            UPDATE batches SET lease_owner = $owner, lease_until = $until
            WHERE id = (SELECT id FROM batches WHERE state = 'running'
                          AND (lease_owner IS NULL OR lease_owner = $owner OR lease_until <= $now)
                        ORDER BY created_at, id LIMIT 1)
            RETURNING {BatchRows.Columns};
            """;
        update.Parameters.AddWithValue("$owner", owner);
        update.Parameters.AddWithValue("$until", SqliteTime.ToTicks(leaseUntil));
        update.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
        return BatchRows.Single(update);
    }
}

/// <summary>Ends an owner's lease (nothing when another owner holds it).</summary>
internal sealed class ReleaseBatchOperation(string id, string owner) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();
        update.CommandText = "UPDATE batches SET lease_owner = NULL, lease_until = NULL WHERE id = $id AND lease_owner = $owner;";
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$owner", owner);
        return update.ExecuteNonQuery() == 1;
    }
}

/// <summary>Records a chunk only while the owner holds the running batch at the chunk's start position.</summary>
internal sealed class RecordBatchChunkOperation(BatchChunk c) : WriteOperation<BatchRecord?>
{
    protected override BatchRecord? Execute(WriterSession session)
    {
        var batch = BatchRows.Get(session, c.BatchId);
        if (batch is null || batch.State != BatchStates.Running || batch.LeaseOwner != c.Owner || batch.Position != c.From)
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
        using var update = session.Connection.CreateCommand();
        update.CommandText = """
            UPDATE batches SET position = $position, done = $done, failed = $failed, failures_json = $failures, updated_at = $at,
                               state = $state, lease_until = $until
            WHERE id = $id;
            """;
        update.Parameters.AddWithValue("$id", c.BatchId);
        update.Parameters.AddWithValue("$position", after.Position);
        update.Parameters.AddWithValue("$done", after.Done);
        update.Parameters.AddWithValue("$failed", after.Failed);
        update.Parameters.AddWithValue("$failures", BatchJson.Failures(after.Failures));
        update.Parameters.AddWithValue("$at", SqliteTime.ToTicks(c.At));
        update.Parameters.AddWithValue("$state", after.State);
        update.Parameters.AddWithValue("$until", SqliteTime.ToTicks(c.LeaseUntil));
        update.ExecuteNonQuery();
        BatchRows.Append(session, BatchJson.Event(after, BatchHistoryTypes.ChunkProcessed, null, c.At, BatchJson.ChunkData(c, after)));
        if (after.State == BatchStates.Completed)
        {
            BatchRows.Append(session, BatchJson.Event(after, BatchHistoryTypes.Completed, null, c.At, new { done = after.Done, failed = after.Failed, total = after.Total }));
        }

        return after;
    }
}

/// <summary>Cancels a running batch; its lease goes with it, so no chunk of it is recorded afterwards.</summary>
internal sealed class CancelBatchOperation(string id, string? user, DateTimeOffset now) : WriteOperation<BatchRecord?>
{
    protected override BatchRecord? Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();
        update.CommandText = $"""
            UPDATE batches SET state = 'cancelled', updated_at = $now, lease_owner = NULL, lease_until = NULL
            WHERE id = $id AND state = 'running'
            RETURNING {BatchRows.Columns};
            """;
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
        if (BatchRows.Single(update) is not { } batch)
        {
            return null;
        }

        BatchRows.Append(session, BatchJson.Event(batch, BatchHistoryTypes.Cancelled, user, now, new { done = batch.Done, failed = batch.Failed, total = batch.Total }));
        return batch;
    }
}
