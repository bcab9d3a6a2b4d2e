using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commands;

/// <summary>
/// What a command did: the resource it created or changed, and whether this was a replay of an earlier
/// identical request. A command that ran (not a replay) also hands back the instance as it committed it and
/// the tasks it wrote, so the caller can answer without reading them again.
/// </summary>
public sealed record CommandOutcome(string ResourceId, string InstanceId, bool Replayed = false)
{
    public ProcessInstance? Instance { get; init; }

    public IReadOnlyList<TaskRecord> Tasks { get; init; } = [];
}
