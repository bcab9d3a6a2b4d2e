namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// The store side of batch operations. The selection is frozen at creation as the ids of the selected instances, numbered
/// 0…n-1 in id order, in the transaction that creates the batch: an instance that changes state afterwards (the batch
/// itself changes them) stays selected, one started afterwards is not, and a chunk is a range of numbers. Progress is
/// the batch row's position, moved by <see cref="RecordBatchChunkAsync"/> only while the caller holds the batch's lease.
/// </summary>
public interface IBatchStore
{
    /// <summary>Creates the batch with the instances its filter selects now (at most <see cref="NewBatch.MaxInstances"/>); completed at once when none.</summary>
    Task<BatchRecord> CreateBatchAsync(NewBatch batch, CancellationToken cancellationToken);

    Task<BatchRecord?> GetBatchAsync(string id, CancellationToken cancellationToken);

    /// <summary>Batches, newest first, one keyset page.</summary>
    Task<Page<BatchRecord>> QueryBatchesAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Leases the oldest running batch whose lease is free or ran out at <paramref name="now"/> to <paramref name="owner"/>
    /// until <paramref name="leaseUntil"/>, atomically (two nodes never hold one batch while a lease lasts); null when none.
    /// </summary>
    Task<BatchRecord?> ClaimBatchAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="owner"/>'s lease on a batch now (a node stopping hands the batch over at once).</summary>
    Task ReleaseBatchAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>The instance ids numbered <paramref name="from"/> to <paramref name="from"/> + <paramref name="limit"/> - 1, in order.</summary>
    Task<IReadOnlyList<string>> GetBatchInstancesAsync(string batchId, int from, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records a processed chunk with its event: moves the position, adds the counts, keeps failures up to
    /// <see cref="BatchHistoryTypes.MaxFailuresKept"/>, extends the lease, completes the batch at its end. Null (nothing
    /// written) when the batch is no longer running, another owner holds it or its position moved on.
    /// </summary>
    Task<BatchRecord?> RecordBatchChunkAsync(BatchChunk chunk, CancellationToken cancellationToken);

    /// <summary>Cancels a running batch (its remaining instances are left alone); null (nothing written) when it is not running.</summary>
    Task<BatchRecord?> CancelBatchAsync(string id, string? user, DateTimeOffset now, CancellationToken cancellationToken);
}
