using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Telemetry;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The one command path every area's handler runs through: load the instance and its deployed process, check the
/// precondition (If-Match, idempotent replay), run in a <see cref="CommandSession"/>, commit one change set inside the
/// command's trace span, and retry from a fresh load when another command won the race. It holds nothing about an
/// instance between commands.
/// </summary>
internal sealed class CommandPipeline(
    IEngineStore store, DefinitionCache definitions, BehaviorTable behaviors, VariableSizeLimit variableLimit, TimeProvider clock,
    int conflictRetries, CommitMetrics? metrics, ICommandFollowUps followUps)
{
    public IEngineStore Store => store;

    public DefinitionCache Definitions => definitions;

    public VariableSizeLimit VariableLimit => variableLimit;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>A new session for one command, started now.</summary>
    public CommandSession NewSession(CommandContext context, DateTimeOffset now) => new(this, context, now);

    /// <summary>The one way a command gets its run over an instance: with this engine's behaviours and variable limit.</summary>
    public ProcessExecution NewExecution(ProcessInstance instance, DeployedProcess process, DateTimeOffset now, string? user) =>
        new(instance, process, behaviors, now, user) { VariableLimit = variableLimit };

    /// <summary>
    /// Refuses a request's variables before anything runs: a value over the engine's variable bound is the caller's
    /// error (422), not an incident of the instance it was meant for.
    /// </summary>
    public void CheckRequestVariables(IReadOnlyDictionary<string, object?> variables) => variableLimit.Check(variables);

    /// <summary>Runs one attempt of a command; a lost optimistic race is retried from a fresh load.</summary>
    public async Task<T> RetryOnConflictAsync<T>(CommandContext context, Func<Task<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex) when (
                tries < conflictRetries && context.Precondition is null && !ex.Context.ContainsKey("idempotencyKey"))
            {
                // Someone else changed the instance first; reload and decide again on the new state.
            }
        }
    }

    public static void CheckPrecondition(CommandContext context, string resource, long revision)
    {
        var current = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Precondition is { } holds && !holds(current))
        {
            throw new PreconditionFailedException(resource, current);
        }
    }

    public async Task<(ProcessInstance Instance, DeployedProcess Process)> LoadAsync(string instanceId, CancellationToken cancellationToken) =>
        await LoadAsync(await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) ?? throw InstanceNotFound(instanceId), cancellationToken)
            .ConfigureAwait(false);

    /// <summary>An instance this attempt has just read (with something else, in one read), with its deployed process.</summary>
    public async Task<(ProcessInstance Instance, DeployedProcess Process)> LoadAsync(StoredInstance stored, CancellationToken cancellationToken)
    {
        var instance = InstanceStateSerializer.Deserialize(stored);
        var process = await definitions.GetAsync(instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        return (instance, process);
    }

    public static NotFoundException InstanceNotFound(string id) =>
        new("INSTANCE_NOT_FOUND", $"Process instance '{id}' does not exist.", new Dictionary<string, object?> { ["instance"] = id });

    public static NotFoundException TaskNotFound(string id) =>
        new("TASK_NOT_FOUND", $"Task '{id}' does not exist.", new Dictionary<string, object?> { ["task"] = id });

    public static NotFoundException ProcessNotFound(string key) =>
        new("PROCESS_NOT_FOUND", $"Process '{key}' does not exist.", new Dictionary<string, object?> { ["key"] = key });

    /// <summary>The definition a start or a reservation names: one definition id, else the latest version of <paramref name="processKey"/>.</summary>
    public async Task<DefinitionRecord> DefinitionToStartAsync(string processKey, string? definitionId, CancellationToken cancellationToken) =>
        definitionId is null
            ? await store.GetLatestDefinitionAsync(processKey, cancellationToken).ConfigureAwait(false) ?? throw ProcessNotFound(processKey)
            : (await definitions.GetAsync(definitionId, cancellationToken).ConfigureAwait(false)).Record;

    /// <summary>
    /// Settles what the run asked of other instances (call activities), then puts every instance of the command
    /// (each with a new revision, guarded by the one it was loaded at), their tasks and history into one change
    /// set and commits it.
    /// </summary>
    /// <remarks>
    /// Events ride along: buffered messages for the runs' new message subscriptions are delivered first (in this
    /// same change set), the runs' subscriptions and jobs are written with it, the receivers of the signals and
    /// messages they threw are read before the commit (so a catch a run opened itself is not among them) and
    /// reached after.
    /// </remarks>
    private async Task<ChangeSet> CommitChangesAsync(
        CommandSession session, IEnumerable<TaskRecord> tasks, CommandContext context, string resourceId, int status, CancellationToken cancellationToken,
        Action<ChangeSet>? extra)
    {
        await followUps.SettleCallsAsync(session, cancellationToken).ConfigureAwait(false);
        var changes = new ChangeSet();
        foreach (var execution in session.Executions.Where(e => e.Effects.OpenedSubscriptions.Count > 0).ToList())
        {
            await followUps.DeliverBufferedMessagesAsync(execution, changes, cancellationToken).ConfigureAwait(false);
        }

        var now = Now;
        foreach (var execution in session.Executions)
        {
            var instance = execution.Instance;
            instance.UpdatedAt = now;
            var summary = new InstanceSummary(instance.Id, instance.DefinitionId, instance.ProcessKey, instance.ProcessVersion,
                instance.BusinessKey, instance.State, instance.Revision + 1, instance.StartedAt, instance.EndedAt, instance.UpdatedAt, instance.Parent);
            changes.Instances.Add(new InstanceWrite(summary, InstanceStateSerializer.Serialize(instance), instance.Revision));
        }

        changes.Tasks.AddRange(tasks);
        foreach (var execution in session.Executions)
        {
            execution.Effects.AppendTo(changes, execution.Instance);
            foreach (var taskId in execution.Effects.CancelledTaskIds)
            {
                if (await store.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task && TaskStates.IsActive(task.State))
                {
                    changes.Tasks.Add(task with { State = TaskStates.Cancelled, Revision = task.Revision + 1, UpdatedAt = now });
                }
            }
        }

        if (context.ScopedIdempotencyKey is { } key)
        {
            changes.Idempotency = new IdempotencyRecord(key, context.RequestHash ?? string.Empty, status, resourceId, now);
        }

        extra?.Invoke(changes);
        List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)>? receivers = null;
        foreach (var execution in session.Executions.Where(e => e.Effects.Thrown.Count > 0))
        {
            (receivers ??= []).AddRange(await followUps.ResolveThrownAsync(execution, cancellationToken).ConfigureAwait(false));
        }

        await store.CommitAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var execution in session.Executions)
        {
            execution.Instance.Revision++;
        }

        followUps.Announce(changes);
        if (receivers is not null)
        {
            await followUps.DeliverThrownAsync(receivers, cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    /// <summary>The earlier outcome of the same idempotent request, or null when this key is new.</summary>
    public async Task<CommandOutcome?> ReplayAsync(CommandContext context, Func<string, Task<string>> instanceOf, CancellationToken cancellationToken)
    {
        if (context.ScopedIdempotencyKey is not { } scoped || context.IdempotencyKey is not { } key)
        {
            return null;
        }

        var record = await store.GetIdempotencyRecordAsync(scoped, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != (context.RequestHash ?? string.Empty))
        {
            throw new ValidationException("IDEMPOTENCY_KEY_REUSED",
                $"The Idempotency-Key '{key}' was already used for a different request.",
                [new ValidationError("IDEMPOTENCY_KEY_REUSED", "Use a new key for a different request.", "Idempotency-Key")]);
        }

        return new CommandOutcome(record.Location!, await instanceOf(record.Location!).ConfigureAwait(false), Replayed: true);
    }

    /// <summary>
    /// Commits a command's run (<see cref="CommitChangesAsync"/>) inside the command's trace activity, then records its
    /// metrics from what it committed. Every command that changes an instance passes here, which is why tracing and
    /// metrics live here and nowhere else in the engine.
    /// </summary>
    public async Task<IReadOnlyList<TaskRecord>> CommitAsync(
        CommandSession session, IEnumerable<TaskRecord> tasks, CommandContext context, string resourceId, int status, CancellationToken cancellationToken,
        Action<ChangeSet>? extra = null)
    {
        var first = session.Executions.Count > 0 ? session.Executions[0] : null;
        using var activity = EngineTelemetry.StartCommand(first?.Effects.History.FirstOrDefault()?.Type ?? "command", session.StartedTimestamp);
        if (activity is not null)
        {
            activity.SetTag("bpm.resource.id", resourceId);
            activity.SetTag("bpm.instance.id", first?.Instance.Id);
            activity.SetTag("bpm.process.key", first?.Instance.ProcessKey);
            activity.SetTag("bpm.instances", session.Executions.Count);
        }

        try
        {
            var committed = await CommitChangesAsync(session, tasks, context, resourceId, status, cancellationToken, extra).ConfigureAwait(false);
            metrics?.Record(committed, session.StateFound, session.TaskFound, Now);
            return committed.Tasks;
        }
        catch (Exception error)
        {
            EngineTelemetry.Fail(activity, error);
            throw;
        }
    }
}
