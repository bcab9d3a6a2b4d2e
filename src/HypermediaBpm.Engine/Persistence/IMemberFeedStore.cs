namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// The store side of member feeds (a process's instances, all instances, a worklist's tasks): one entry per member in
/// its latest state, newest change first. Every change of a member gives it a new, higher <em>position</em>; the
/// store remembers the positions a member held before, so a walk pinned to a snapshot position reads every member
/// that existed then exactly once, at the place it had then, while showing its current state.
/// </summary>
public interface IMemberFeedStore
{
    /// <summary>A page of instances (filter: <see cref="MemberFeedQuery.ProcessKey"/>, <see cref="MemberFeedQuery.VisibleTo"/>).</summary>
    Task<MemberFeedPage<StoredInstance>> QueryInstanceFeedAsync(MemberFeedQuery query, CancellationToken cancellationToken);

    /// <summary>A page of tasks offered to <see cref="MemberFeedQuery.Participant"/> (<see cref="FeedFilter.User"/> or <see cref="FeedFilter.Group"/>).</summary>
    Task<MemberFeedPage<TaskRecord>> QueryTaskFeedAsync(MemberFeedQuery query, CancellationToken cancellationToken);
}
