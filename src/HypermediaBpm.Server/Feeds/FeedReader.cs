using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Retention;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// Cuts a feed into RFC 5005 archived-feed documents over the append-only history. Archive <c>n</c> is a fixed
/// bucket of the global history sequence; once the store's last sequence is past its end no event can join
/// it, so its entries never change. The subscription document holds whole buckets (the newest ones, at least
/// <see cref="FeedOptions.SubscriptionSize"/> entries) and links the newest older bucket that has entries,
/// so walking <c>prev-archive</c> from it meets every entry exactly once. Every read is a bounded index
/// range: no OFFSET, no scan, whatever the size of the history. With history retention on, entries of an archive may
/// still be removed (with their ended instance), so no archive claims immutability then (docs/feeds.md, "Archives and
/// retention").
/// </summary>
public sealed class FeedReader(IEngineStore store, IOptions<FeedOptions> options, HistoryRetentionOptions retention)
{
    private readonly long _size = Math.Max(1, options.Value.ArchiveSize);
    private readonly int _subscription = Math.Max(1, options.Value.SubscriptionSize);

    /// <summary>The subscription document: the newest entries.</summary>
    public async Task<FeedPage> SubscriptionAsync(FeedFilter filter, CancellationToken cancellationToken)
    {
        // Everything is read up to one last sequence, so concurrent commits cannot make the pieces disagree.
        var last = await store.GetLastHistorySequenceAsync(cancellationToken);
        var newest = await store.QueryFeedAsync(new FeedQuery(filter, UpToSequence: last, Limit: _subscription), cancellationToken);
        if (newest.Count < _subscription)
        {
            return new FeedPage(newest, null, null, null);
        }

        // Extend to the start of the oldest entry's bucket: the subscription then ends exactly where an archive does.
        var start = BucketOf(newest[^1].Sequence) * _size;
        var entries = await store.QueryFeedAsync(new FeedQuery(filter, start, last, _subscription + (int)_size), cancellationToken);
        return new FeedPage(entries, null, await OlderAsync(filter, start, cancellationToken), null);
    }

    /// <summary>Archive <paramref name="number"/>, or null while its bucket is not complete (or never will be).</summary>
    public async Task<FeedPage?> ArchiveAsync(FeedFilter filter, long number, CancellationToken cancellationToken)
    {
        var last = await store.GetLastHistorySequenceAsync(cancellationToken);
        if (number < 0 || number > (long.MaxValue / _size) - 1 || (number + 1) * _size > last)
        {
            return null;
        }

        var (start, end) = (number * _size, (number + 1) * _size);
        var entries = await store.QueryFeedAsync(new FeedQuery(filter, start, end, (int)_size), cancellationToken);
        var newer = await store.QueryFeedAsync(new FeedQuery(filter, end, last, 1, OldestFirst: true), cancellationToken);
        long? next = newer.Count == 1 && (BucketOf(newer[0].Sequence) + 1) * _size <= last ? BucketOf(newer[0].Sequence) : null;
        return new FeedPage(entries, number, await OlderAsync(filter, start, cancellationToken), next)
        {
            Prunable = await RetentionOnAsync(cancellationToken),
        };
    }

    /// <summary>Whether history retention can remove events: a server default, or a deployed version with its own time to live.</summary>
    private async Task<bool> RetentionOnAsync(CancellationToken cancellationToken) =>
        retention.TimeToLive is not null
        || (store is IHistoryRetentionStore versions && await versions.AnyDefinitionHasTimeToLiveAsync(cancellationToken));

    /// <summary>The archive holding the newest entry at or below <paramref name="upTo"/>: one index seek, skipping empty buckets.</summary>
    private async Task<long?> OlderAsync(FeedFilter filter, long upTo, CancellationToken cancellationToken)
    {
        if (upTo <= 0)
        {
            return null;
        }

        var older = await store.QueryFeedAsync(new FeedQuery(filter, UpToSequence: upTo, Limit: 1), cancellationToken);
        return older.Count == 1 ? BucketOf(older[0].Sequence) : null;
    }

    private long BucketOf(long sequence) => (sequence - 1) / _size;
}
