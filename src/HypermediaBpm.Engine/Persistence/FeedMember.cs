namespace HypermediaBpm.Engine.Persistence;

/// <summary>One member of a member feed: its position in the walk, its current state, and who started it (instances).</summary>
public sealed record FeedMember<T>(long Position, T Item, string? StartedBy = null);
