using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine;

/// <summary>The instance area's public face; the commands themselves are <see cref="Commanding.InstanceCommands"/>.</summary>
public sealed partial class ProcessEngine
{
    /// <summary>The code of a refused start of a model deployed for documentation only.</summary>
    public const string NotExecutableCode = Commanding.InstanceCommands.NotExecutableCode;

    /// <summary>
    /// Starts an instance of the latest version of <paramref name="processKey"/> (or of one definition id)
    /// at its none start event, with the start form's fields typed and checked, and runs it until it waits.
    /// </summary>
    public Task<CommandOutcome> StartAsync(
        string processKey, string? definitionId, string? businessKey, IReadOnlyDictionary<string, object?> variables,
        bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken) =>
        _instances.StartAsync(
            () => _pipeline.DefinitionToStartAsync(processKey, definitionId, cancellationToken), businessKey, variables, fromHtmlForm, context, cancellationToken);

    public Task<CommandOutcome> SuspendAsync(string instanceId, CommandContext context, CancellationToken cancellationToken) =>
        _instances.SuspendAsync(instanceId, context, cancellationToken);

    public Task<CommandOutcome> ResumeAsync(string instanceId, CommandContext context, CancellationToken cancellationToken) =>
        _instances.ResumeAsync(instanceId, context, cancellationToken);

    /// <summary>
    /// Terminates the instance: every token is withdrawn and its open tasks are cancelled; the instances its call
    /// activities called are cancelled with it (recursively), in the same transaction. A called instance
    /// cancelled on its own leaves an incident on its caller's call activity.
    /// </summary>
    public Task<CommandOutcome> CancelAsync(string instanceId, CommandContext context, CancellationToken cancellationToken) =>
        _instances.CancelAsync(instanceId, context, cancellationToken);
}
