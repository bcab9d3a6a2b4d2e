namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A keyset page request. Rows are in the query's natural order (newest first for instances, tasks and
/// history feeds; by key for definitions). <see cref="After"/> continues past a row key, <see cref="Before"/>
/// goes back before one, <see cref="FromEnd"/> asks for the last page. No OFFSET is ever used.
/// </summary>
public sealed record PageRequest(int Size = 20, string? After = null, string? Before = null, bool FromEnd = false)
{
    public const int MaxSize = 200;

    /// <summary>
    /// Rows to pass over from the start before the page (a numbered page, <c>?page=3</c>); used only when
    /// <see cref="After"/>, <see cref="Before"/> and <see cref="FromEnd"/> are not set. The server bounds it.
    /// </summary>
    public int Skip { get; init; }
}

/// <summary>
/// One page. <see cref="HasNext"/>/<see cref="HasPrevious"/> say whether rows exist beyond either end of
/// this page; <see cref="Total"/> counts every row matching the filter.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasPrevious, bool HasNext, long Total, Func<T, string> KeyOf)
{
    public string? FirstKey => Items.Count > 0 ? KeyOf(Items[0]) : null;

    public string? LastKey => Items.Count > 0 ? KeyOf(Items[^1]) : null;
}

/// <param name="ParentInstanceId">Only the instances called by this instance's call activities.</param>
/// <param name="VisibleTo">Only what this viewer may see; null: everything.</param>
public sealed record InstanceQuery(
    PageRequest Page,
    string? State = null,
    string? ProcessKey = null,
    string? BusinessKey = null,
    string? ParentInstanceId = null,
    Viewer? VisibleTo = null)
{
    /// <summary>Only this instance: with <see cref="VisibleTo"/>, asks whether the viewer may see it.</summary>
    public string? Id { get; init; }

    /// <summary>The order (one of <see cref="ListSort.InstanceFields"/>); null: newest first by id.</summary>
    public ListSort? Sort { get; init; }
}

public sealed record TaskQuery(
    PageRequest Page,
    string? State = null,
    string? Assignee = null,
    string? CandidateGroup = null,
    string? ProcessKey = null,
    string? InstanceId = null,
    Viewer? VisibleTo = null)
{
    /// <summary>The order (one of <see cref="ListSort.TaskFields"/>); null: newest first by id.</summary>
    public ListSort? Sort { get; init; }

    /// <summary>Only tasks due at or before this time (tasks without a due date are not).</summary>
    public DateTimeOffset? DueBefore { get; init; }
}

/// <summary>History, oldest first for one instance; <see cref="InstanceId"/> null means all instances, newest first.</summary>
public sealed record HistoryQuery(PageRequest Page, string? InstanceId = null);
