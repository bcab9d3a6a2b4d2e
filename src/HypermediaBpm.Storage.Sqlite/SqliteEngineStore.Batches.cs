using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Writing;

namespace HypermediaBpm.Storage.Sqlite;

/// <summary>Batch operations: the batch rows, their frozen selections, their leases and progress.</summary>
public sealed partial class SqliteEngineStore : IBatchStore
{
    private const string BatchByIdSql = $"SELECT {BatchRows.Columns} FROM batches WHERE id = $id;";

    /// <inheritdoc />
    public Task<BatchRecord> CreateBatchAsync(NewBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Writer.SubmitAsync(new CreateBatchOperation(batch), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BatchRecord?> GetBatchAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(BatchByIdSql, "$id", id, BatchRows.Read), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Batches are few next to instances: the total is a plain COUNT. Ids are time-ordered (UUIDv7), so newest first is id order.</remarks>
    public Task<Page<BatchRecord>> QueryBatchesAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var keyset = new KeysetQuery<BatchRecord>
        {
            Columns = BatchRows.Columns,
            From = "batches",
            KeyColumn = "id",
            Descending = true,
            Map = BatchRows.Read,
            KeyOf = static b => b.Id,
        };
        return Reads.ReadAsync(c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, page, t => KeysetPager.Count(t, keyset))), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BatchRecord?> ClaimBatchAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ClaimBatchOperation(owner, now, leaseUntil), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseBatchAsync(string id, string owner, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ReleaseBatchOperation(id, owner), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetBatchInstancesAsync(string batchId, int from, int limit, CancellationToken cancellationToken) =>
        Reads.ReadAsync<IReadOnlyList<string>>(c =>
        {
            var command = c.Command("SELECT instance_id FROM batch_instances WHERE batch_id = $id AND seq >= $from ORDER BY seq LIMIT $limit;");
            command.Parameters.AddWithValue("$id", batchId);
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<BatchRecord?> RecordBatchChunkAsync(BatchChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return Writer.SubmitAsync(new RecordBatchChunkOperation(chunk), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BatchRecord?> CancelBatchAsync(string id, string? user, DateTimeOffset now, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CancelBatchOperation(id, user, now), cancellationToken);
}
