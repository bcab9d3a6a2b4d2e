using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>Most buffered-message deliveries one command makes before it commits (each may open new subscriptions).</summary>
    private const int MaxBufferedDeliveries = 100;

    /// <summary>
    /// Raised after a commit that scheduled a timer, with its due time, so a waiting scheduler in this process
    /// can wake early. Other processes find the timer by polling the store.
    /// </summary>
    public event Action<DateTimeOffset>? TimerScheduled;

    /// <summary>
    /// Fires a due timer that <paramref name="owner"/> has leased (<see cref="IEngineStore.ClaimDueTimersAsync"/>):
    /// the waiting token moves on, or a timer start event starts an instance, through the normal command path.
    /// The commit checks the lease, so if another scheduler took the timer over, nothing is written and the
    /// answer is null. A repeating start timer is moved to its next occurrence in the same commit.
    /// </summary>
    /// <returns>The instance the timer reached or started, or null when it reached nothing.</returns>
    public async Task<string?> FireTimerAsync(SubscriptionRecord claimed, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var lease = new SubscriptionLease(claimed.Id, owner);
        if (claimed.IsStart && claimed.DueAt is { } due)
        {
            // Occurrences missed while no server ran are fired once, not once each.
            var left = claimed.RepeatsLeft;
            var next = TimerSchedule.Next(claimed.Cycle, left, due);
            while (next is { } n && n <= Now && left != 0)
            {
                left = left > 0 ? left - 1 : left;
                next = TimerSchedule.Next(claimed.Cycle, left, n);
            }

            lease = lease with { NextDueAt = next, RepeatsLeft = left > 0 ? left - 1 : left };
        }

        try
        {
            return await FireAsync(claimed, EmptyVariables, null, lease, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("lease"))
        {
            return null;
        }
    }

    /// <summary>
    /// Correlates a message: every instance waiting for <paramref name="name"/> with this correlation key (any key
    /// when null) receives it; when none waits, each process with a message start event of that name starts an
    /// instance (its business key: the correlation key). When nothing is reached and <paramref name="timeToLive"/>
    /// is given, the message is kept until a subscriber opens; otherwise <c>MESSAGE_NOT_CORRELATED</c> (404).
    /// </summary>
    public async Task<MessageCorrelation> CorrelateMessageAsync(
        string name, string? correlationKey, IReadOnlyDictionary<string, object?> variables, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationException("INVALID_INPUT", "A message needs a name.", [new ValidationError("FIELD_REQUIRED", "'name' is required.", "name")]);
        }

        if (timeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ValidationException("INVALID_INPUT", "The time to live must be positive.", [new ValidationError("FIELD_INVALID", "'ttl' must be a positive ISO 8601 duration.", "ttl")]);
        }

        name = name.Trim();
        var key = string.IsNullOrWhiteSpace(correlationKey) ? null : correlationKey.Trim();
        var normalized = Normalize(variables);
        var suspended = new List<string>();
        var reached = await ReachWaitingAsync(new SubscriptionQuery(SubscriptionKinds.Message, name, key), normalized, cancellationToken, suspended).ConfigureAwait(false);
        var started = reached.Count == 0
            ? await StartSubscribersAsync(SubscriptionKinds.Message, name, normalized, key, cancellationToken).ConfigureAwait(false)
            : [];
        if (reached.Count > 0 || started.Count > 0)
        {
            return new MessageCorrelation(reached, started, null);
        }

        if (suspended.Count > 0)
        {
            // Someone waits, but may not take anything in now: a wrong state, not "no one waits".
            throw new InvalidStateException("INSTANCE_SUSPENDED", $"Every instance waiting for message '{name}' is suspended; resume it first.",
                new Dictionary<string, object?> { ["name"] = name, ["correlationKey"] = key, ["instances"] = suspended });
        }

        if (timeToLive is not { } keep)
        {
            throw new NotFoundException("MESSAGE_NOT_CORRELATED", $"No instance waits for message '{name}'" + (key is null ? "." : $" with correlation key '{key}'."),
                new Dictionary<string, object?> { ["name"] = name, ["correlationKey"] = key });
        }

        var now = Now;
        var buffered = new BufferedMessageRecord(Guid.CreateVersion7(now).ToString("N"), name, key, VariableJson.Serialize(normalized), now, now + keep);
        var changes = new ChangeSet();
        changes.BufferedMessages.Add(buffered);
        await _store.CommitAsync(changes, cancellationToken).ConfigureAwait(false);
        return new MessageCorrelation([], [], buffered);
    }

    /// <summary>
    /// Broadcasts a signal to every subscription open now: waiting instances move on and processes with a
    /// signal start event of that name start an instance each.
    /// </summary>
    public async Task<SignalBroadcast> BroadcastSignalAsync(string name, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationException("INVALID_INPUT", "A signal needs a name.", [new ValidationError("FIELD_REQUIRED", "'name' is required.", "name")]);
        }

        var normalized = Normalize(variables);
        var receivers = await SignalReceiversAsync(name.Trim(), cancellationToken).ConfigureAwait(false);
        return await ReachAsync(receivers, normalized, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What one instance waits for from outside (timers, messages, signals), oldest first.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetSubscriptionsAsync(string instanceId, CancellationToken cancellationToken) =>
        _store.QuerySubscriptionsAsync(new SubscriptionQuery(InstanceId: instanceId), cancellationToken);

    /// <summary>Open message subscriptions of every instance (oldest first), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetWaitingMessagesAsync(int limit, CancellationToken cancellationToken) =>
        _store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Message, Limit: limit), cancellationToken);

    public async Task<BufferedMessageRecord> GetBufferedMessageAsync(string id, CancellationToken cancellationToken) =>
        await _store.GetBufferedMessageAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("MESSAGE_NOT_FOUND", $"Buffered message '{id}' does not exist (delivered, expired or never sent).",
            new Dictionary<string, object?> { ["message"] = id });

    private static readonly IReadOnlyDictionary<string, object?> EmptyVariables = new Dictionary<string, object?>();

    private static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> variables)
    {
        var normalized = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            normalized[name] = VariableJson.Normalize(value);
        }

        return normalized;
    }

    private async Task<IReadOnlyList<SubscriptionRecord>> SignalReceiversAsync(string name, CancellationToken cancellationToken)
    {
        var waiting = await _store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, name), cancellationToken).ConfigureAwait(false);
        var starts = await _store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, name, Starts: true), cancellationToken).ConfigureAwait(false);
        return [.. waiting, .. starts];
    }

    private async Task<SignalBroadcast> ReachAsync(IReadOnlyList<SubscriptionRecord> receivers, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        var reached = new List<string>();
        var started = new List<string>();
        foreach (var subscription in receivers)
        {
            if (await FireAsync(subscription, variables, null, null, cancellationToken).ConfigureAwait(false) is { } id)
            {
                (subscription.IsStart ? started : reached).Add(id);
            }
        }

        return new SignalBroadcast(reached.Distinct().ToList(), started);
    }

    private async Task<List<string>> ReachWaitingAsync(SubscriptionQuery query, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken, List<string>? suspended = null)
    {
        var reached = new List<string>();
        var waiting = await _store.QuerySubscriptionsAsync(query, cancellationToken).ConfigureAwait(false);

        // One delivery per instance: the oldest of its subscriptions for this message.
        foreach (var subscription in waiting.DistinctBy(s => s.InstanceId))
        {
            if (await FireAsync(subscription, variables, null, null, cancellationToken, suspended).ConfigureAwait(false) is { } id)
            {
                reached.Add(id);
            }
        }

        return reached;
    }

    private async Task<List<string>> StartSubscribersAsync(string kind, string name, IReadOnlyDictionary<string, object?> variables, string? businessKey, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        var starts = await _store.QuerySubscriptionsAsync(new SubscriptionQuery(kind, name, Starts: true), cancellationToken).ConfigureAwait(false);
        foreach (var subscription in starts.DistinctBy(s => s.ProcessKey))
        {
            if (await FireAsync(subscription, variables, businessKey, null, cancellationToken).ConfigureAwait(false) is { } id)
            {
                started.Add(id);
            }
        }

        return started;
    }

    /// <summary>
    /// One subscription fires: a start subscription starts an instance; an instance subscription moves its
    /// token on, consuming the subscription in the same commit (guarded, so two deliveries cannot both win).
    /// </summary>
    private async Task<string?> FireAsync(SubscriptionRecord subscription, IReadOnlyDictionary<string, object?> variables, string? businessKey, SubscriptionLease? lease, CancellationToken cancellationToken, List<string>? suspended = null)
    {
        if (subscription.IsStart)
        {
            return await StartBySubscriptionAsync(subscription, variables, businessKey, lease, cancellationToken).ConfigureAwait(false);
        }

        for (var tries = 1; ; tries++)
        {
            try
            {
                return await FireInstanceSubscriptionAsync(subscription, variables, lease, cancellationToken, suspended).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("subscription") || ex.Context.ContainsKey("message"))
            {
                return null;
            }
            catch (ConcurrencyConflictException ex) when (!ex.Context.ContainsKey("lease") && tries < _options.ConflictRetries)
            {
                // The instance changed under us: reload and look again whether the token still waits.
            }
        }
    }

    private async Task<string?> FireInstanceSubscriptionAsync(SubscriptionRecord subscription, IReadOnlyDictionary<string, object?> variables, SubscriptionLease? lease, CancellationToken cancellationToken, List<string>? suspended)
    {
        var stored = await _store.GetInstanceAsync(subscription.InstanceId!, cancellationToken).ConfigureAwait(false);
        var instance = stored is null ? null : InstanceStateSerializer.Deserialize(stored);
        var process = instance is null ? null : await _definitions.GetAsync(instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        var token = instance?.Tokens.Find(t => t.Id == subscription.TokenId && t.State == TokenState.Waiting);
        if (instance is null || process is null || token is null || instance.IsEnded || !WaitsFor(process, token, subscription))
        {
            // Nothing waits any more (the subscription outlived its token): a leased timer is dropped.
            if (lease is not null)
            {
                var drop = new ChangeSet { FiredTimer = lease };
                await _store.CommitAsync(drop, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (instance.State == InstanceStates.Suspended)
        {
            // A suspended instance takes nothing in: a timer's lease runs out and it is tried again then.
            suspended?.Add(instance.Id);
            return null;
        }

        var catching = process.Node(subscription.ActivityId);
        var execution = new ProcessExecution(instance, process, _behaviors, Now, null);
        execution.Record(HistoryTypes.EventReceived, catching, token, subscription.Id, EventJson(subscription));
        execution.Fire(token, catching, variables);
        await CommitAsync(instance, execution, [], CommandContext.Anonymous, instance.Id, 200, cancellationToken, changes =>
        {
            if (lease is not null)
            {
                changes.FiredTimer = lease;
            }
            else
            {
                changes.ConsumedSubscriptions.Add(subscription.Id);
            }
        }).ConfigureAwait(false);
        return instance.Id;
    }

    /// <summary>
    /// Whether the token still waits where the subscription was opened: at the catching element itself, or at
    /// the event-based gateway before it. Token ids survive moves, so a token that went on (and waits elsewhere)
    /// must not be taken for the one that subscribed.
    /// </summary>
    private static bool WaitsFor(Definitions.DeployedProcess process, Token token, SubscriptionRecord subscription) =>
        token.ActivityId == subscription.ActivityId
        || (process.Node(token.ActivityId) is EventBasedGateway gateway && gateway.Outgoing.Any(f => f.Target?.Id == subscription.ActivityId));

    private async Task<string?> StartBySubscriptionAsync(SubscriptionRecord subscription, IReadOnlyDictionary<string, object?> variables, string? businessKey, SubscriptionLease? lease, CancellationToken cancellationToken)
    {
        var record = await _store.GetDefinitionAsync(subscription.DefinitionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var process = await _definitions.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
        if (process.Node(subscription.ActivityId) is not StartEvent start)
        {
            return null;
        }

        var now = Now;
        var instance = NewInstance(record, businessKey, new Dictionary<string, object?>(variables, StringComparer.Ordinal), now);
        var execution = new ProcessExecution(instance, process, _behaviors, now, null);
        execution.Start(start);
        await CommitAsync(instance, execution, [], CommandContext.Anonymous, instance.Id, 201, cancellationToken, changes => changes.FiredTimer = lease).ConfigureAwait(false);
        return instance.Id;
    }

    /// <summary>Delivers buffered messages to the message subscriptions this run opened, inside this same command.</summary>
    private async Task DeliverBufferedMessagesAsync(ProcessExecution execution, ChangeSet changes, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxBufferedDeliveries; round++)
        {
            SubscriptionRecord? match = null;
            BufferedMessageRecord? message = null;
            foreach (var subscription in execution.OpenedSubscriptions)
            {
                if (subscription.Kind != SubscriptionKinds.Message || subscription.Name is null)
                {
                    continue;
                }

                message = await _store.FindBufferedMessageAsync(subscription.Name, subscription.CorrelationKey, Now, cancellationToken).ConfigureAwait(false);
                if (message is not null && !changes.ConsumedMessages.Contains(message.Id))
                {
                    match = subscription;
                    break;
                }
            }

            if (match is null || message is null)
            {
                return;
            }

            changes.ConsumedMessages.Add(message.Id);
            var token = execution.Instance.GetToken(match.TokenId!);
            var catching = execution.Process.Node(match.ActivityId);
            execution.Record(HistoryTypes.EventReceived, catching, token, message.Id, EventJson(match));
            execution.Fire(token, catching, VariableJson.Deserialize(message.VariablesJson));
        }
    }

    private static void AddEventChanges(ChangeSet changes, ProcessExecution execution)
    {
        foreach (var tokenId in execution.ClosedSubscriptionTokens)
        {
            changes.ClosedSubscriptions.Add((execution.Instance.Id, tokenId));
        }

        changes.Subscriptions.AddRange(execution.OpenedSubscriptions);
        changes.Jobs.AddRange(execution.Jobs);
        changes.RemovedJobs.AddRange(execution.RemovedJobs);
    }

    /// <summary>Who receives what the run threw, read before it commits: signals reach what is open now.</summary>
    private async Task<List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)>> ResolveThrownAsync(ProcessExecution execution, CancellationToken cancellationToken)
    {
        var resolved = new List<(ThrownEvent, IReadOnlyList<SubscriptionRecord>)>();
        foreach (var thrown in execution.Thrown)
        {
            resolved.Add((thrown, thrown.Kind == SubscriptionKinds.Signal
                ? await SignalReceiversAsync(thrown.Name, cancellationToken).ConfigureAwait(false)
                : []));
        }

        return resolved;
    }

    private async Task DeliverThrownAsync(List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)> receivers, CancellationToken cancellationToken)
    {
        foreach (var (thrown, subscriptions) in receivers)
        {
            try
            {
                if (thrown.Kind == SubscriptionKinds.Signal)
                {
                    await ReachAsync(subscriptions, thrown.Variables, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var reached = await ReachWaitingAsync(new SubscriptionQuery(SubscriptionKinds.Message, thrown.Name, thrown.CorrelationKey), thrown.Variables, cancellationToken).ConfigureAwait(false);
                    if (reached.Count == 0)
                    {
                        await StartSubscribersAsync(SubscriptionKinds.Message, thrown.Name, thrown.Variables, thrown.CorrelationKey, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (EngineException)
            {
                // The thrower has committed; a receiver that cannot take the event (ended, suspended, gone) misses it.
            }
        }
    }

    private void AnnounceTimers(List<SubscriptionRecord> opened)
    {
        DateTimeOffset? earliest = null;
        foreach (var subscription in opened)
        {
            if (subscription.DueAt is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        if (earliest is { } first)
        {
            TimerScheduled?.Invoke(first);
        }
    }

    private static string EventJson(SubscriptionRecord subscription) =>
        $"{{\"kind\":{JsonSerializer.Serialize(subscription.Kind)},\"name\":{JsonSerializer.Serialize(subscription.Name)},\"subscription\":{JsonSerializer.Serialize(subscription.Id)}}}";
}
