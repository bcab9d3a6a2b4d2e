namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Someone who sees only part of the instances and tasks: a task when they are its assignee, a candidate user or in
/// a candidate group; an instance when they started it or it has a task they see. Queries carrying a viewer are
/// filtered in the store, so pages, keyset links and totals count only what the viewer may see.
/// </summary>
public sealed record Viewer(string User, IReadOnlyList<string> Groups);
