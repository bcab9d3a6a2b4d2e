using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine.Batches;

/// <summary>Suspends each instance, as the instance's own <c>suspend</c> does.</summary>
public sealed class SuspendInstancesOperation : IBatchOperation
{
    public string Name => "suspend";

    public string Title => "Suspend the instances";

    public Task ApplyAsync(ProcessEngine engine, string instanceId, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.SuspendAsync(instanceId, context, cancellationToken);
    }
}
