namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// One page of a member feed. Without <see cref="Snapshot"/> the walk starts now (first page, or the last page with
/// <see cref="FromEnd"/>) and the answer names the snapshot the next pages must carry. With it, the page holds the
/// members as they were placed at that snapshot: strictly below <see cref="After"/> (the next page), strictly above
/// <see cref="Before"/> (the previous page), or the oldest ones (<see cref="FromEnd"/>).
/// </summary>
/// <param name="Size">Entries per page (clamped to 1–<see cref="PageRequest.MaxSize"/>).</param>
/// <param name="ProcessKey">Instances of this process (every version) only.</param>
/// <param name="Participant">Tasks offered to this participant (<see cref="FeedFilter.User"/>, <see cref="FeedFilter.Group"/>).</param>
/// <param name="VisibleTo">Only what this viewer may see; null: everything.</param>
public sealed record MemberFeedQuery(
    int Size,
    long? Snapshot = null,
    long? After = null,
    long? Before = null,
    bool FromEnd = false,
    string? ProcessKey = null,
    string? Participant = null,
    Viewer? VisibleTo = null);
