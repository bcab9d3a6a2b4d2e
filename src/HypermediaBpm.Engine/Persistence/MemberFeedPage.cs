namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A page of a member feed, newest position first. <see cref="Snapshot"/> is the position the walk is pinned to
/// (the query's, or for a walk that starts here the newest position the feed had); 0 for an empty feed.
/// </summary>
public sealed record MemberFeedPage<T>(IReadOnlyList<FeedMember<T>> Members, long Snapshot, bool HasPrevious, bool HasNext);
