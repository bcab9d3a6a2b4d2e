namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// The three figures of the home resource, read together from one snapshot: how many processes are deployed (keys,
/// not versions), and how many running instances and open tasks the viewer may see (all of them without a viewer).
/// </summary>
public sealed record HomeCounts(long Processes, long RunningInstances, long OpenTasks);
