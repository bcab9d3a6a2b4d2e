using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// What people do to an instance by hand: work on its incidents (retry the failed step or give up on it) and
/// modify it (cancel activity instances, start before or after activities, set variables). Each is one command
/// like any other: load, guarded change, run, one commit.
/// </summary>
internal sealed class ManualCommands(CommandPipeline pipeline)
{
    /// <summary>Replays the failed step of an incident, after setting <paramref name="variables"/> (the fix).</summary>
    public Task<CommandOutcome> RetryAsync(
        string instanceId, string incidentId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(instanceId, variables, context, (instance, execution) => execution.Retry(FindIncident(instance, incidentId), variables), cancellationToken);

    /// <summary>Gives up on the failed step of an incident: the activity counts as done and the instance goes on.</summary>
    public Task<CommandOutcome> ResolveAsync(
        string instanceId, string incidentId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(instanceId, variables, context, (instance, execution) => execution.Resolve(FindIncident(instance, incidentId), variables), cancellationToken);

    /// <summary>Applies <paramref name="instructions"/> (all checked before any is applied) and sets <paramref name="variables"/>.</summary>
    public Task<CommandOutcome> ModifyAsync(
        string instanceId, IReadOnlyList<Modification> instructions, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(instanceId, variables, context, (_, execution) => execution.Modify(instructions, variables), cancellationToken);

    private static Incident FindIncident(ProcessInstance instance, string incidentId) =>
        instance.Incidents.Find(i => i.Id == incidentId)
        ?? throw new NotFoundException("INCIDENT_NOT_FOUND", $"Instance '{instance.Id}' has no open incident '{incidentId}'.",
            new Dictionary<string, object?> { ["instanceId"] = instance.Id, ["incidentId"] = incidentId });

    private Task<CommandOutcome> RunAsync(
        string instanceId, IReadOnlyDictionary<string, object?> variables, CommandContext context, Action<ProcessInstance, ProcessExecution> act,
        CancellationToken cancellationToken) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            pipeline.CheckRequestVariables(variables);
            if (await pipeline.ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            var (instance, process) = await pipeline.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            CommandPipeline.CheckPrecondition(context, instance.Id, instance.Revision);
            if (instance.State == InstanceStates.Suspended)
            {
                throw new InvalidStateException("INSTANCE_SUSPENDED", $"Instance '{instanceId}' is suspended; resume it before changing it by hand.",
                    new Dictionary<string, object?> { ["instanceId"] = instanceId, ["state"] = instance.State });
            }

            if (instance.IsEnded)
            {
                throw new InvalidStateException("INSTANCE_ENDED", $"Instance '{instanceId}' has ended ({instance.State}); there is nothing to change.",
                    new Dictionary<string, object?> { ["instanceId"] = instanceId, ["state"] = instance.State });
            }

            var now = pipeline.Now;
            var session = pipeline.NewSession(context, now);
            var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
            act(instance, execution);
            var written = await pipeline.CommitAsync(session, [], context, instance.Id, 200, cancellationToken).ConfigureAwait(false);
            return new CommandOutcome(instance.Id, instance.Id) { Instance = instance, Tasks = written };
        });
}
