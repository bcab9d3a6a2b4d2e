using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Commanding;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine;

/// <summary>
/// The engine's public façade. Every state change goes through the one command path (<see cref="CommandPipeline"/>):
/// load what it needs from the store, run, and commit one <see cref="ChangeSet"/> guarded by the instance revision;
/// nothing about an instance is kept in memory between commands, so several server processes can share one store.
/// Each public method forwards to its area's handler in <c>Commanding/</c>; this class only wires them and answers
/// the pipeline's <see cref="ICommandFollowUps"/> by forwarding to the areas that own them.
/// </summary>
public sealed partial class ProcessEngine : Scheduling.ITimerEngine, ICommandFollowUps
{
    private readonly IEngineStore _store;
    private readonly EngineOptions _options;
    private readonly BehaviorTable _behaviors;
    private readonly CommandPipeline _pipeline;
    private readonly TaskCommands _tasks;
    private readonly InstanceCommands _instances;
    private readonly ManualCommands _manual;
    private readonly DefinitionCommands _definitionCommands;
    private readonly Queries _queries;
    private readonly CallFollowUps _calls;
    private readonly MessageCommands _messages;
    private readonly SignalCommands _signals;
    private readonly TimerCommands _timers;
    private readonly ThrownEventFollowUps _thrown;
    private readonly JobCommands _jobs;
    private readonly JobLockCommands _jobLocks;
    private readonly TransactionCommands _transactions;
    private readonly ReservationCommands _reservations;
    private readonly ParticipantCommands _participants;
    private readonly MigrationCommands _migrations;

    public ProcessEngine(IEngineStore store, EngineOptions? options = null, IScriptRunner? scripts = null)
    {
        _store = store;
        _options = options ?? new EngineOptions();
        _behaviors = new BehaviorTable(scripts ?? new JavaScriptRunner(), _options.ScriptLimits);
        var variableLimit = new VariableSizeLimit(_options.MaxVariableBytes);
        var validator = new DeploymentValidator(_behaviors);
        var definitions = new DefinitionCache(store, validator, _options.DefinitionCacheBytes);
        var metrics = _options.Meter is { } meter ? new Telemetry.CommitMetrics(meter) : null;
        _pipeline = new CommandPipeline(store, definitions, _behaviors, variableLimit, _options.Clock, _options.ConflictRetries, metrics, this);
        _tasks = new TaskCommands(_pipeline);
        _instances = new InstanceCommands(_pipeline);
        _manual = new ManualCommands(_pipeline);
        _definitionCommands = new DefinitionCommands(store, definitions, validator, _options.MaxModelBytes, _options.Clock, this);
        _queries = new Queries(store, store);
        _calls = new CallFollowUps(_pipeline, store);
        var delivery = new SubscriptionDelivery(_pipeline, store, store, store, store, _instances, _options.ConflictRetries);
        _messages = new MessageCommands(_pipeline, store, store, store, delivery);
        _signals = new SignalCommands(_pipeline, delivery);
        _timers = new TimerCommands(delivery, _options.Clock);
        _thrown = new ThrownEventFollowUps(delivery);
        var jobs = _options.Jobs;
        _jobs = new JobCommands(_pipeline, store, _options.MaxTransactionParticipants, _options.Jobs.BackoffAfter);
        _jobLocks = new JobLockCommands(store, store, new JobLockLimits(
            jobs.MaxJobsPerLock, jobs.MaxLockDuration, jobs.MaxAsyncResponseTimeout, jobs.MinPollInterval, jobs.MaxPollInterval), _options.Clock, metrics);
        _transactions = new TransactionCommands(_pipeline, store);
        _reservations = new ReservationCommands(_pipeline, store, _instances, _options.ConflictRetries);
        _participants = new ParticipantCommands(store, _options.Clock);
        _migrations = new MigrationCommands(_pipeline, _behaviors);
    }

    public IEngineStore Store => _store;

    public BehaviorTable Behaviors => _behaviors;

    /// <summary>The largest model a deploy accepts, in bytes (<see cref="EngineOptions.MaxModelBytes"/>): readers of uploads stop there.</summary>
    public long MaxModelBytes => _options.MaxModelBytes;

    Task ICommandFollowUps.SettleCallsAsync(CommandSession session, CancellationToken cancellationToken) => _calls.SettleCallsAsync(session, cancellationToken);

    Task ICommandFollowUps.DeliverBufferedMessagesAsync(ProcessExecution execution, ChangeSet changes, CancellationToken cancellationToken) =>
        _messages.DeliverBufferedMessagesAsync(execution, changes, cancellationToken);

    Task<List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)>> ICommandFollowUps.ResolveThrownAsync(
        ProcessExecution execution, CancellationToken cancellationToken) => _thrown.ResolveThrownAsync(execution, cancellationToken);

    Task ICommandFollowUps.DeliverThrownAsync(
        List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)> receivers, CancellationToken cancellationToken) =>
        _thrown.DeliverThrownAsync(receivers, cancellationToken);

    void ICommandFollowUps.Announce(ChangeSet changes)
    {
        _timers.Announce(changes.Subscriptions);
        _jobLocks.Announce(changes);
    }
}
