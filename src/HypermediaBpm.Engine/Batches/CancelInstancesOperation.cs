using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine.Batches;

/// <summary>Cancels (terminates) each instance, as the instance's own <c>cancel</c> does.</summary>
public sealed class CancelInstancesOperation : IBatchOperation
{
    public string Name => "cancel";

    public string Title => "Cancel the instances";

    public Task ApplyAsync(ProcessEngine engine, string instanceId, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.CancelAsync(instanceId, context, cancellationToken);
    }
}
