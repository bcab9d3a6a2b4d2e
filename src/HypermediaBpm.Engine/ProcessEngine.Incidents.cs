using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine;

/// <summary>Incidents: failures that wait for a person, who retries the failed step or gives up on it.</summary>
public sealed partial class ProcessEngine
{
    /// <summary>Replays the failed step of an incident, after setting <paramref name="variables"/> (the fix).</summary>
    public Task<CommandOutcome> RetryIncidentAsync(
        string instanceId, string incidentId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        IncidentCommandAsync(instanceId, incidentId, context, (execution, incident) => execution.Retry(incident, variables), cancellationToken);

    /// <summary>Gives up on the failed step of an incident: the activity counts as done and the instance goes on.</summary>
    public Task<CommandOutcome> ResolveIncidentAsync(
        string instanceId, string incidentId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        IncidentCommandAsync(instanceId, incidentId, context, (execution, incident) => execution.Resolve(incident, variables), cancellationToken);

    private Task<CommandOutcome> IncidentCommandAsync(
        string instanceId, string incidentId, CommandContext context, Action<ProcessExecution, Incident> act, CancellationToken cancellationToken) =>
        RetryOnConflictAsync(context, async () =>
        {
            if (await ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            var (instance, process) = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            CheckPrecondition(context, instance.Id, instance.Revision);
            var incident = instance.Incidents.Find(i => i.Id == incidentId)
                ?? throw new NotFoundException("INCIDENT_NOT_FOUND", $"Instance '{instanceId}' has no open incident '{incidentId}'.",
                    new Dictionary<string, object?> { ["instanceId"] = instanceId, ["incidentId"] = incidentId });
            if (instance.State == InstanceStates.Suspended)
            {
                throw new InvalidStateException("INSTANCE_SUSPENDED", $"Instance '{instanceId}' is suspended; resume it before working on its incidents.",
                    new Dictionary<string, object?> { ["instanceId"] = instanceId, ["state"] = instance.State });
            }

            var now = Now;
            var execution = new ProcessExecution(instance, process, _behaviors, now, context.User);
            act(execution, incident);
            var written = await CommitAsync(instance, execution, [], context, instance.Id, 200, cancellationToken).ConfigureAwait(false);
            return new CommandOutcome(instance.Id, instance.Id) { Instance = instance, Tasks = written };
        });
}
