using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>Reads of one instance or task (<see cref="Commanding.Queries"/>).</summary>
public sealed partial class ProcessEngine
{
    /// <summary>An instance as it is in the store now (never cached).</summary>
    public Task<ProcessInstance> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) => _queries.GetInstanceAsync(instanceId, cancellationToken);

    public Task<TaskRecord> GetTaskAsync(string taskId, CancellationToken cancellationToken) => _queries.GetTaskAsync(taskId, cancellationToken);
}
