namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A task and the instance it belongs to, read together (<see cref="IInstanceStore.GetTaskWithInstanceAsync"/>).
/// The two need not be of one snapshot: a command that acts on them commits guarded by both revisions, so a pair
/// torn by a concurrent commit ends in a conflict and a fresh read, never in a lost update.
/// </summary>
/// <param name="Instance">Null only if the instance is gone (deleted by history cleanup between the two reads).</param>
public sealed record TaskWithInstance(TaskRecord Task, StoredInstance? Instance);
