using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine;

/// <summary>
/// What people do to an instance by hand (incidents, modification); the commands themselves are
/// <see cref="Commanding.ManualCommands"/>.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>Replays the failed step of an incident, after setting <paramref name="variables"/> (the fix).</summary>
    public Task<CommandOutcome> RetryIncidentAsync(
        string instanceId, string incidentId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        _manual.RetryAsync(instanceId, incidentId, variables, context, cancellationToken);

    /// <summary>Gives up on the failed step of an incident: the activity counts as done and the instance goes on.</summary>
    public Task<CommandOutcome> ResolveIncidentAsync(
        string instanceId, string incidentId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        _manual.ResolveAsync(instanceId, incidentId, variables, context, cancellationToken);

    /// <summary>Applies <paramref name="instructions"/> (all checked before any is applied) and sets <paramref name="variables"/>.</summary>
    public Task<CommandOutcome> ModifyInstanceAsync(
        string instanceId, IReadOnlyList<Modification> instructions, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        _manual.ModifyAsync(instanceId, instructions, variables, context, cancellationToken);
}
