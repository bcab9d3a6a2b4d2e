using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Commanding;
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
public sealed partial class ProcessEngine : Scheduling.ITimerEngine, ICommandFollowUps
{
    private readonly IEngineStore _store;
    private readonly EngineOptions _options;
    private readonly VariableSizeLimit _variableLimit;
    private readonly BehaviorTable _behaviors;
    private readonly DeploymentValidator _validator;
    private readonly DefinitionCache _definitions;
    private readonly Telemetry.CommitMetrics? _metrics;
    private readonly CommandPipeline _pipeline;
    private readonly TaskCommands _tasks;
    private readonly InstanceCommands _instances;
    private readonly ManualCommands _manual;

    public ProcessEngine(IEngineStore store, EngineOptions? options = null, IScriptRunner? scripts = null)
    {
        _store = store;
        _options = options ?? new EngineOptions();
        _behaviors = new BehaviorTable(scripts ?? new JavaScriptRunner(), _options.ScriptLimits);
        _variableLimit = new VariableSizeLimit(_options.MaxVariableBytes);
        _validator = new DeploymentValidator(_behaviors);
        _definitions = new DefinitionCache(store, _validator, _options.DefinitionCacheBytes);
        _metrics = _options.Meter is { } meter ? new Telemetry.CommitMetrics(meter) : null;
        _pipeline = new CommandPipeline(store, _definitions, _behaviors, _variableLimit, _options.Clock, _options.ConflictRetries, _metrics, this);
        _tasks = new TaskCommands(_pipeline);
        _instances = new InstanceCommands(_pipeline);
        _manual = new ManualCommands(_pipeline);
    }

    public IEngineStore Store => _store;

    public BehaviorTable Behaviors => _behaviors;

    /// <summary>The largest model a deploy accepts, in bytes (<see cref="EngineOptions.MaxModelBytes"/>): readers of uploads stop there.</summary>
    public long MaxModelBytes => _options.MaxModelBytes;

    private DateTimeOffset Now => _pipeline.Now;

    // The areas not yet moved to their own handler reach the pipeline through these.
    private ProcessExecution NewExecution(ProcessInstance instance, DeployedProcess process, DateTimeOffset now, string? user) =>
        _pipeline.NewExecution(instance, process, now, user);

    private void CheckRequestVariables(IReadOnlyDictionary<string, object?> variables) => _pipeline.CheckRequestVariables(variables);

    private Task<T> RetryOnConflictAsync<T>(CommandContext context, Func<Task<T>> attempt) => _pipeline.RetryOnConflictAsync(context, attempt);

    private static void CheckPrecondition(CommandContext context, string resource, long revision) =>
        CommandPipeline.CheckPrecondition(context, resource, revision);

    private Task<(ProcessInstance Instance, DeployedProcess Process)> LoadAsync(string instanceId, CancellationToken cancellationToken) =>
        _pipeline.LoadAsync(instanceId, cancellationToken);

    private static NotFoundException InstanceNotFound(string id) => CommandPipeline.InstanceNotFound(id);

    private static NotFoundException TaskNotFound(string id) => CommandPipeline.TaskNotFound(id);

    private Task<IReadOnlyList<TaskRecord>> CommitAsync(
        CommandSession session, IEnumerable<TaskRecord> tasks, CommandContext context, string resourceId, int status, CancellationToken cancellationToken,
        Action<ChangeSet>? extra = null) =>
        _pipeline.CommitAsync(session, tasks, context, resourceId, status, cancellationToken, extra);

    private Task<CommandOutcome?> ReplayAsync(CommandContext context, Func<string, Task<string>> instanceOf, CancellationToken cancellationToken) =>
        _pipeline.ReplayAsync(context, instanceOf, cancellationToken);

    Task ICommandFollowUps.SettleCallsAsync(CommandSession session, CancellationToken cancellationToken) => SettleCallsAsync(session, cancellationToken);

    Task ICommandFollowUps.DeliverBufferedMessagesAsync(ProcessExecution execution, ChangeSet changes, CancellationToken cancellationToken) =>
        DeliverBufferedMessagesAsync(execution, changes, cancellationToken);

    Task<List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)>> ICommandFollowUps.ResolveThrownAsync(
        ProcessExecution execution, CancellationToken cancellationToken) => ResolveThrownAsync(execution, cancellationToken);

    Task ICommandFollowUps.DeliverThrownAsync(
        List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)> receivers, CancellationToken cancellationToken) =>
        DeliverThrownAsync(receivers, cancellationToken);

    void ICommandFollowUps.Announce(ChangeSet changes)
    {
        AnnounceTimers(changes.Subscriptions);
        AnnounceJobs(changes);
    }
}
