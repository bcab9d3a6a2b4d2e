using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine.Batches;

/// <summary>Resumes each suspended instance, as the instance's own <c>resume</c> does.</summary>
public sealed class ResumeInstancesOperation : IBatchOperation
{
    public string Name => "resume";

    public string Title => "Resume the instances";

    public Task ApplyAsync(ProcessEngine engine, string instanceId, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.ResumeAsync(instanceId, context, cancellationToken);
    }
}
