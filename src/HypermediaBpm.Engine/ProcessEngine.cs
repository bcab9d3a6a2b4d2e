using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine;

/// <summary>
/// The engine's façade and its one command path. Every state change loads what it needs from the store,
/// runs, and commits one <see cref="ChangeSet"/> guarded by the instance revision; nothing about an
/// instance is kept in memory between commands, so several server processes can share one store.
/// </summary>
public sealed partial class ProcessEngine : Scheduling.ITimerEngine
{
    private readonly IEngineStore _store;
    private readonly EngineOptions _options;
    private readonly VariableSizeLimit _variableLimit;
    private readonly BehaviorTable _behaviors;
    private readonly DeploymentValidator _validator;
    private readonly DefinitionCache _definitions;
    private readonly Telemetry.CommitMetrics? _metrics;

    public ProcessEngine(IEngineStore store, EngineOptions? options = null, IScriptRunner? scripts = null)
    {
        _store = store;
        _options = options ?? new EngineOptions();
        _behaviors = new BehaviorTable(scripts ?? new JavaScriptRunner(), _options.ScriptLimits);
        _variableLimit = new VariableSizeLimit(_options.MaxVariableBytes);
        _validator = new DeploymentValidator(_behaviors);
        _definitions = new DefinitionCache(store, _validator, _options.DefinitionCacheBytes);
        _metrics = _options.Meter is { } meter ? new Telemetry.CommitMetrics(meter) : null;
    }

    public IEngineStore Store => _store;

    public BehaviorTable Behaviors => _behaviors;

    /// <summary>The largest model a deploy accepts, in bytes (<see cref="EngineOptions.MaxModelBytes"/>): readers of uploads stop there.</summary>
    public long MaxModelBytes => _options.MaxModelBytes;

    private DateTimeOffset Now => _options.Clock.GetUtcNow();

    /// <summary>The one way a command gets its run over an instance: with this engine's behaviours and variable limit.</summary>
    private ProcessExecution NewExecution(ProcessInstance instance, Definitions.DeployedProcess process, DateTimeOffset now, string? user) =>
        new(instance, process, _behaviors, now, user) { VariableLimit = _variableLimit };

    /// <summary>
    /// Refuses a request's variables before anything runs: a value over <see cref="EngineOptions.MaxVariableBytes"/>
    /// is the caller's error (422), not an incident of the instance it was meant for.
    /// </summary>
    private void CheckRequestVariables(IReadOnlyDictionary<string, object?> variables) => _variableLimit.Check(variables);

    /// <summary>Runs one attempt of a command; a lost optimistic race is retried from a fresh load.</summary>
    private async Task<T> RetryOnConflictAsync<T>(CommandContext context, Func<Task<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex) when (
                tries < _options.ConflictRetries && context.Precondition is null && !ex.Context.ContainsKey("idempotencyKey"))
            {
                // Someone else changed the instance first; reload and decide again on the new state.
            }
        }
    }

    private static void CheckPrecondition(CommandContext context, string resource, long revision)
    {
        var current = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Precondition is { } holds && !holds(current))
        {
            throw new PreconditionFailedException(resource, current);
        }
    }

    private async Task<(ProcessInstance Instance, DeployedProcess Process)> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var stored = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw InstanceNotFound(instanceId);
        var instance = InstanceStateSerializer.Deserialize(stored);
        var process = await _definitions.GetAsync(instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        return (instance, process);
    }

    private static NotFoundException InstanceNotFound(string id) =>
        new("INSTANCE_NOT_FOUND", $"Process instance '{id}' does not exist.", new Dictionary<string, object?> { ["instance"] = id });

    private static NotFoundException TaskNotFound(string id) =>
        new("TASK_NOT_FOUND", $"Task '{id}' does not exist.", new Dictionary<string, object?> { ["task"] = id });

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
        await SettleCallsAsync(session, cancellationToken).ConfigureAwait(false);
        var changes = new ChangeSet();
        foreach (var execution in session.Executions.Where(e => e.Effects.OpenedSubscriptions.Count > 0).ToList())
        {
            await DeliverBufferedMessagesAsync(execution, changes, cancellationToken).ConfigureAwait(false);
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
                if (await _store.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task && TaskStates.IsActive(task.State))
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
            (receivers ??= []).AddRange(await ResolveThrownAsync(execution, cancellationToken).ConfigureAwait(false));
        }

        await _store.CommitAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var execution in session.Executions)
        {
            execution.Instance.Revision++;
        }

        AnnounceTimers(changes.Subscriptions);
        AnnounceJobs(changes);
        if (receivers is not null)
        {
            await DeliverThrownAsync(receivers, cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    /// <summary>The earlier outcome of the same idempotent request, or null when this key is new.</summary>
    private async Task<CommandOutcome?> ReplayAsync(CommandContext context, Func<string, Task<string>> instanceOf, CancellationToken cancellationToken)
    {
        if (context.ScopedIdempotencyKey is not { } scoped || context.IdempotencyKey is not { } key)
        {
            return null;
        }

        var record = await _store.GetIdempotencyRecordAsync(scoped, cancellationToken).ConfigureAwait(false);
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
}
