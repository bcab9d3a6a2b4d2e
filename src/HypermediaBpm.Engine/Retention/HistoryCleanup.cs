using System.Diagnostics.Metrics;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Retention;

/// <summary>
/// History retention, as Camunda 7's history cleanup with the removal-time strategy "end": an ended instance goes,
/// with every row kept for it, once its end plus its version's time to live (else the server default) has passed.
/// One node at a time runs it, under a lease in the store; it removes in small batches, each its own short store
/// transaction, so commands interleave with it. Nothing is cached: each run asks the store and the clock afresh.
/// </summary>
public sealed class HistoryCleanup
{
    private readonly IHistoryRetentionStore _store;
    private readonly TimeProvider _clock;
    private readonly HistoryRetentionOptions _options;
    private readonly string _owner;
    private readonly Counter<long>? _removed;

    /// <param name="owner">Who holds the lease while this node cleans (the node's name, so a database shows which).</param>
    /// <param name="meter">Where <c>bpm.history.cleanup.removed</c> is counted; null counts nothing.</param>
    public HistoryCleanup(IHistoryRetentionStore store, TimeProvider clock, HistoryRetentionOptions options, string owner, Meter? meter)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CleanupBatchSize < 1 || options.TimeToLive < TimeSpan.Zero || options.LeaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("History retention needs a batch size of at least 1, a positive lease and no negative time to live.", nameof(options));
        }

        (_store, _clock, _options, _owner) = (store, clock, options, owner);
        _removed = meter?.CreateCounter<long>("bpm.history.cleanup.removed", "{row}",
            "Rows removed by history retention, per table (instances, tasks, history, subscriptions, jobs).");
    }

    /// <summary>
    /// One run: while this node holds the lease, batches until one comes back short. Null when another node holds the
    /// lease (it is cleaning); else what was removed.
    /// </summary>
    public async Task<RetentionBatch?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = RetentionBatch.None;
        while (true)
        {
            // Renewed before each batch: a run longer than one lease keeps it, a node that died loses it.
            var now = _clock.GetUtcNow();
            if (!await _store.TryAcquireLeaseAsync(HistoryRetentionOptions.LeaseName, _owner, now, now + _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
            {
                return total.Rows == 0 ? null : total;
            }

            var batch = await _store.RemoveExpiredInstancesAsync(
                new RetentionRequest(now, _options.TimeToLive, _options.CleanupBatchSize), cancellationToken).ConfigureAwait(false);
            Count(batch);
            total = total.Add(batch);
            if (batch.Instances < _options.CleanupBatchSize)
            {
                break;
            }
        }

        await _store.ReleaseLeaseAsync(HistoryRetentionOptions.LeaseName, _owner, cancellationToken).ConfigureAwait(false);
        return total;
    }

    private void Count(RetentionBatch batch)
    {
        if (_removed is null || batch.Rows == 0)
        {
            return;
        }

        _removed.Add(batch.Instances, new KeyValuePair<string, object?>("table", "instances"));
        _removed.Add(batch.Tasks, new KeyValuePair<string, object?>("table", "tasks"));
        _removed.Add(batch.HistoryEvents, new KeyValuePair<string, object?>("table", "history"));
        _removed.Add(batch.Subscriptions, new KeyValuePair<string, object?>("table", "subscriptions"));
        _removed.Add(batch.Jobs, new KeyValuePair<string, object?>("table", "jobs"));
    }
}
