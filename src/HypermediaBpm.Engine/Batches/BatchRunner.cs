using System.Collections.Concurrent;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Batches;

/// <summary>
/// Works through batches one chunk at a time: claim (or keep) the oldest running batch with a lease, apply its operation
/// to the next chunk of its frozen selection — each instance its own engine command, as the batch's creator, with an
/// idempotency key per batch and instance — and record the chunk's outcome with the lease extended. Nothing of a chunk is
/// recorded until all of it ran; a node that stops mid-chunk leaves the position where it was, and whoever runs the
/// chunk again gets the already-applied commands replayed (the keys), so every instance is changed once.
/// </summary>
public sealed class BatchRunner(ProcessEngine engine, IBatchStore store, BatchOperations operations, BatchRunnerOptions options, TimeProvider clock)
{
    /// <summary>How often a command that lost a race with another command on the same instance is tried again.</summary>
    private const int ConflictAttempts = 3;

    /// <summary>Processes one chunk of some running batch for <paramref name="owner"/>; false when there was nothing to do.</summary>
    public async Task<bool> RunChunkAsync(string owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = await store.ClaimBatchAsync(owner, now, now + options.Lease, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return false;
        }

        try
        {
            await RunChunkAsync(batch, owner, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This node is stopping: hand the batch over now rather than when the lease runs out. The chunk was not
            // recorded, so whoever takes the batch runs it again, and the commands already applied replay.
            await store.ReleaseBatchAsync(batch.Id, owner, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return true;
    }

    private async Task RunChunkAsync(BatchRecord batch, string owner, CancellationToken cancellationToken)
    {
        var ids = await store.GetBatchInstancesAsync(batch.Id, batch.Position, Math.Max(1, options.ChunkSize), cancellationToken).ConfigureAwait(false);
        var failures = new ConcurrentQueue<(int Index, BatchFailure Failure)>();
        if (operations.Find(batch.Operation) is not { } operation)
        {
            // A batch of an operation this node does not know (a newer node made it): every instance fails, visibly.
            for (var i = 0; i < ids.Count; i++)
            {
                failures.Enqueue((i, new BatchFailure(ids[i], "BATCH_OPERATION_UNKNOWN", $"This server cannot '{batch.Operation}'.")));
            }
        }
        else
        {
            await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    if (await ApplyAsync(batch, operation, ids[i], ct).ConfigureAwait(false) is { } failure)
                    {
                        failures.Enqueue((i, failure));
                    }
                }).ConfigureAwait(false);
        }

        var failed = failures.OrderBy(f => f.Index).Select(f => f.Failure).ToList();
        var at = clock.GetUtcNow();
        var chunk = new BatchChunk(batch.Id, owner, batch.Position, batch.Position + ids.Count, ids.Count - failed.Count, failed.Count, failed, at, at + options.Lease);
        await store.RecordBatchChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Null when the operation was applied (or had been, by an earlier run of this chunk); the failure otherwise.</summary>
    private async Task<BatchFailure?> ApplyAsync(BatchRecord batch, IBatchOperation operation, string instanceId, CancellationToken cancellationToken)
    {
        var context = new CommandContext(batch.CreatedBy, $"batch:{batch.Id}:{instanceId}", $"batch {batch.Id} {batch.Operation}");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await operation.ApplyAsync(engine, instanceId, context, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (ConcurrencyConflictException) when (attempt < ConflictAttempts)
            {
                // Another command changed the instance between our read and our commit: read it again and retry.
            }
            catch (EngineException e)
            {
                return new BatchFailure(instanceId, e.Code, Bounded(e.Message));
            }
        }
    }

    private static string Bounded(string detail) => detail.Length <= 500 ? detail : detail[..500] + "…";
}
