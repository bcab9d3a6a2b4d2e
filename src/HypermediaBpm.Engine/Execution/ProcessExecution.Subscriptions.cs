using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Waiting for the outside world: subscriptions (timers, messages, signals), jobs for workers, and the
/// signals and messages this run throws. The lists are created on first use, so a run that touches none of
/// this allocates nothing for it.
/// </summary>
public sealed partial class ProcessExecution
{
    private List<SubscriptionRecord>? _opened;
    private List<string>? _closedTokens;
    private List<JobRecord>? _jobs;
    private List<(string JobId, bool Required)>? _removedJobs;
    private List<ThrownEvent>? _thrown;
    private List<(string? TokenId, string ActivityId)>? _closedCatchers;

    /// <summary>Subscriptions opened by this run and still open at its end.</summary>
    public IReadOnlyList<SubscriptionRecord> OpenedSubscriptions => (IReadOnlyList<SubscriptionRecord>?)_opened ?? [];

    /// <summary>Tokens whose stored subscriptions this run closes.</summary>
    public IReadOnlyList<string> ClosedSubscriptionTokens => (IReadOnlyList<string>?)_closedTokens ?? [];

    public IReadOnlyList<JobRecord> Jobs => (IReadOnlyList<JobRecord>?)_jobs ?? [];

    public IReadOnlyList<(string JobId, bool Required)> RemovedJobs => (IReadOnlyList<(string, bool)>?)_removedJobs ?? [];

    /// <summary>Catchers (boundary events, event subprocess starts) whose stored subscriptions this run closes.</summary>
    public IReadOnlyList<(string? TokenId, string ActivityId)> ClosedCatchers => (IReadOnlyList<(string?, string)>?)_closedCatchers ?? [];

    /// <summary>
    /// A boundary event (on <paramref name="host"/>'s activity) or an event subprocess start (in <paramref name="host"/>'s
    /// scope; null: the process) starts listening for its timer, message or signal. The host token is not parked:
    /// it goes on with its own work while the catcher waits beside it.
    /// </summary>
    public void OpenCatcher(Token? host, Event catcher)
    {
        var saved = Variables.Current;
        Variables.Current = host;
        try
        {
            (_opened ??= new()).Add(EventSubscriptions.Create(catcher.Trigger!, catcher, Process, Variables, Instance.BusinessKey, Instance.Id, host?.Id, Now));
        }
        finally
        {
            Variables.Current = saved;
        }
    }

    /// <summary>The catcher stops listening: its activity was left or its scope ended.</summary>
    public void CloseCatcher(Token? host, Event catcher)
    {
        if (_opened?.RemoveAll(s => s.TokenId == host?.Id && s.ActivityId == catcher.Id) is > 0)
        {
            return;
        }

        (_closedCatchers ??= new()).Add((host?.Id, catcher.Id));
    }

    /// <summary>
    /// A catcher's subscription fired: a boundary event fires on its host (interrupting: the activity is withdrawn), an
    /// event subprocess start starts a run of its subprocess. A non-interrupting message or signal catcher listens
    /// again at once; a timer's repetition is the scheduler's (its cycle).
    /// </summary>
    public void FireCatcher(Token? host, Event catcher, IReadOnlyDictionary<string, object?> variables)
    {
        var interrupting = catcher switch
        {
            BoundaryEvent boundary => boundary.CancelActivity,
            StartEvent start => start.IsInterrupting,
            _ => true,
        };
        if (!interrupting && catcher.Trigger is MessageEventDefinition or SignalEventDefinition)
        {
            OpenCatcher(host, catcher);
        }

        switch (catcher)
        {
            case BoundaryEvent boundary when host is not null:
                TriggerBoundary(host, boundary, variables);
                break;
            case StartEvent start:
                StartEventSubProcess(host, start, variables);
                break;
        }

        Run();
    }

    /// <summary>
    /// What a throwing event (an intermediate throw or an end event) sends before its token goes on: an escalation
    /// (thrown outward; false when an interrupting catcher ended the token), a signal or a message (delivered after
    /// this run commits). Other triggers send nothing.
    /// </summary>
    public bool Throw(Token token, FlowNode node, EventDefinition? trigger)
    {
        switch (trigger)
        {
            case EscalationEventDefinition escalation:
                ThrowEscalation(token, node, escalation.Escalation);
                return IsActive(token);
            case SignalEventDefinition signal:
                ThrowSignal(EventSubscriptions.SignalName(signal)!);
                return true;
            case MessageEventDefinition message when EventSubscriptions.MessageName(message) is { } name:
                PublishMessage(name, CorrelationKeyOf(message));
                return true;
            default:
                return true;
        }
    }

    /// <summary>Signals and messages thrown by this run, in order; delivered after it commits.</summary>
    public IReadOnlyList<ThrownEvent> Thrown => (IReadOnlyList<ThrownEvent>?)_thrown ?? [];

    /// <summary>Parks the token until <paramref name="definition"/>'s trigger happens, caught by <paramref name="catching"/>.</summary>
    public SubscriptionRecord Subscribe(Token token, FlowNode catching, EventDefinition definition) =>
        Open(token, EventSubscriptions.Create(definition, catching, Process, Variables, Instance.BusinessKey, Instance.Id, token.Id, Now));

    /// <summary>Parks the token until a prepared subscription (a receive task's message) fires.</summary>
    public SubscriptionRecord Open(Token token, SubscriptionRecord subscription)
    {
        (_opened ??= new()).Add(subscription);
        token.State = TokenState.Waiting;
        token.WorkItemId ??= subscription.Id;
        return subscription;
    }

    /// <summary>Closes every subscription of the token: the ones opened in this run and the stored ones.</summary>
    public void CloseSubscriptions(Token token)
    {
        _opened?.RemoveAll(s => s.TokenId == token.Id);
        (_closedTokens ??= new()).Add(token.Id);
    }

    /// <summary>
    /// A subscription of <paramref name="token"/> fired: its other subscriptions are withdrawn (the losers after an
    /// event-based gateway), the token arrives at <paramref name="catching"/> if it waited elsewhere (at the
    /// gateway), and the catching element's behaviour takes the trigger's variables and moves on.
    /// </summary>
    public void Fire(Token token, FlowNode catching, IReadOnlyDictionary<string, object?> variables)
    {
        CloseSubscriptions(token);
        token.State = TokenState.Ready;
        token.WorkItemId = null;
        if (token.ActivityId != catching.Id)
        {
            var from = Process.Node(token.ActivityId);
            var flow = from.Outgoing.First(f => f.Target == catching);
            RecordCompleted(token, from, flow.Id);
            token.ActivityId = catching.Id;
            token.ViaFlowId = flow.Id;
            token.Since = Now;
            Record(HistoryTypes.ActivityStarted, catching, token, flow.Id);
        }

        Guarded(token, catching, () => _behaviors.For(catching).Trigger(this, token, catching, variables));
        Run();
    }

    /// <summary>Creates a job for an external worker and parks the token until it is completed.</summary>
    public void CreateJob(Token token, FlowNode node, string topic, int retries)
    {
        var job = AddJob(token.Id, node, topic, retries, null);
        token.State = TokenState.Waiting;
        token.WorkItemId = job.Id;
        Record(HistoryTypes.JobCreated, node, token, null, $"{{\"job\":\"{job.Id}\",\"topic\":{System.Text.Json.JsonSerializer.Serialize(topic)}}}");
    }

    private JobRecord AddJob(string tokenId, FlowNode node, string topic, int retries, string? payload)
    {
        var job = new JobRecord(Guid.CreateVersion7(Now).ToString("N"), topic, Instance.Id, tokenId, node.Id,
            Instance.DefinitionId, Instance.ProcessKey, retries, Now) { Payload = payload };
        (_jobs ??= new()).Add(job);
        return job;
    }

    /// <summary>Withdraws the token's job (its activity was cancelled), or marks it done when <paramref name="completed"/>.</summary>
    public void RemoveJob(Token token, bool completed)
    {
        if (token.WorkItemId is not { } jobId)
        {
            return;
        }

        if (_jobs?.RemoveAll(j => j.Id == jobId) is not > 0)
        {
            (_removedJobs ??= new()).Add((jobId, completed));
        }

        token.WorkItemId = null;
    }

    /// <summary>Throws a signal: delivered, after this run commits, to every subscription open before it was thrown.</summary>
    public void ThrowSignal(string name) => (_thrown ??= new()).Add(new ThrownEvent(SubscriptionKinds.Signal, name, null, Snapshot()));

    /// <summary>Publishes a message: correlated after this run commits, like one sent from outside.</summary>
    public void PublishMessage(string name, string? correlationKey) =>
        (_thrown ??= new()).Add(new ThrownEvent(SubscriptionKinds.Message, name, correlationKey, Snapshot()));

    /// <summary>The key a thrown message is published with: its key expression evaluated now, else the business key.</summary>
    public string? CorrelationKeyOf(MessageEventDefinition message) =>
        CorrelationKeyOf(message.CorrelationKey ?? message.Message?.CorrelationKey);

    public string? CorrelationKeyOf(string? keyExpression) =>
        keyExpression is { Length: > 0 } ? EvaluateText(keyExpression.Trim()) : Instance.BusinessKey;

    /// <summary>The instance's variables travel with what it throws (as Camunda's <c>camunda:in variables="all"</c> would).</summary>
    private Dictionary<string, object?> Snapshot() => new(Instance.Variables, StringComparer.Ordinal);
}
