namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A window of the append-only history for a feed: events matching <see cref="Filter"/> with
/// <see cref="AfterSequence"/> &lt; sequence ≤ <see cref="UpToSequence"/>, at most <see cref="Limit"/> of them,
/// newest first (or oldest first). Bounds are on the store-assigned sequence, so a window never moves once
/// the store's last sequence is beyond it.
/// </summary>
public sealed record FeedQuery(
    FeedFilter Filter,
    long? AfterSequence = null,
    long? UpToSequence = null,
    int Limit = 100,
    bool OldestFirst = false);
