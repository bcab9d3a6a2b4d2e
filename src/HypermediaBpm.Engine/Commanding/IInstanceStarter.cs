using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// How the areas that start instances without a start request (a confirmed reservation, a message or signal start
/// event, a timer start) reach the instance area: through this seam, not through <see cref="InstanceCommands"/> itself.
/// </summary>
internal interface IInstanceStarter
{
    /// <summary>A new instance at the none start event with typed variables, run until it waits and committed (see <see cref="InstanceCommands.StartInstanceAsync"/>).</summary>
    Task<CommandOutcome> StartInstanceAsync(
        Definitions.DeployedProcess process, string? businessKey, Dictionary<string, object?> typed, CommandContext context,
        Action<ProcessInstance, ChangeSet>? extra, CancellationToken cancellationToken);

    /// <summary>The none start event a request starts <paramref name="process"/> at (409 when it has none or is deployed for documentation only).</summary>
    Bpmn.Model.StartEvent StartEventOf(Definitions.DeployedProcess process);

    /// <summary>A new, not yet started instance of <paramref name="record"/>, its variables held to the engine's bound.</summary>
    ProcessInstance NewInstance(DefinitionRecord record, string? businessKey, Dictionary<string, object?> variables, DateTimeOffset now);
}
