using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>Reads of one instance, task or instance's subscriptions, always from the store (nothing is cached between requests).</summary>
internal sealed class Queries(IInstanceStore instances, ISubscriptionStore subscriptions)
{
    public async Task<ProcessInstance> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var stored = await instances.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw CommandPipeline.InstanceNotFound(instanceId);
        return InstanceStateSerializer.Deserialize(stored);
    }

    public async Task<TaskRecord> GetTaskAsync(string taskId, CancellationToken cancellationToken) =>
        await instances.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) ?? throw CommandPipeline.TaskNotFound(taskId);

    /// <summary>What one instance waits for from outside (timers, messages, signals), oldest first.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetSubscriptionsAsync(string instanceId, CancellationToken cancellationToken) =>
        subscriptions.QuerySubscriptionsAsync(new SubscriptionQuery(InstanceId: instanceId), cancellationToken);
}
