using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>An instance as it is in the store now (never cached).</summary>
    public async Task<ProcessInstance> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var stored = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw InstanceNotFound(instanceId);
        return InstanceStateSerializer.Deserialize(stored);
    }

    public async Task<TaskRecord> GetTaskAsync(string taskId, CancellationToken cancellationToken) =>
        await _store.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) ?? throw TaskNotFound(taskId);
}
