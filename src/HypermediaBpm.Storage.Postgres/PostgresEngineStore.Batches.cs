using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using HypermediaBpm.Storage.Postgres.Writing;

namespace HypermediaBpm.Storage.Postgres;

/// <summary>Batch operations: the batch rows, their frozen selections, their leases and progress.</summary>
public sealed partial class PostgresEngineStore : IBatchStore
{
    private const string BatchByIdSql = $"SELECT {BatchRows.Columns} FROM batches WHERE id = @p;";

    /// <inheritdoc />
    public Task<BatchRecord> CreateBatchAsync(NewBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Writer.SubmitAsync(new CreateBatchOperation(batch), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BatchRecord?> GetBatchAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(BatchByIdSql, id, BatchRows.Read), cancellationToken);

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
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, page, t => KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BatchRecord?> ClaimBatchAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ClaimBatchOperation(owner, now, leaseUntil), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseBatchAsync(string id, string owner, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ReleaseBatchOperation(id, owner), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetBatchInstancesAsync(string batchId, int from, int limit, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.ListAsync("SELECT instance_id FROM batch_instances WHERE batch_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3;",
            r => r.GetString(0), Param.Text(batchId), Param.Int(from), Param.Int(limit)), cancellationToken).ConfigureAwait(false);

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
