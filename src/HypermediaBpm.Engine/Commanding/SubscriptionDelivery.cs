using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The events area's core: one subscription fires through the command path (a start subscription starts an
/// instance, an instance subscription moves its token on or fires its catcher, consuming the subscription or checking
/// the timer's lease in the same commit), and the receivers of a signal or message are reached one by one.
/// </summary>
internal sealed class SubscriptionDelivery(
    CommandPipeline pipeline, IInstanceStore instances, IDefinitionStore definitions, ISubscriptionStore subscriptions, ICommitStore commits,
    IInstanceStarter starter, int conflictRetries)
{
    /// <summary>A request's variables as the engine keeps them (JSON-normal values), before they reach any instance.</summary>
    public static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> variables)
    {
        var normalized = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            normalized[name] = VariableJson.Normalize(value);
        }

        return normalized;
    }

    /// <summary>Fires each receiver of a signal: waiting instances move on, start subscriptions start instances.</summary>
    public async Task<SignalBroadcast> ReachAsync(IReadOnlyList<SubscriptionRecord> receivers, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
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

    /// <summary>Delivers a message to the instances waiting for it (once each); <paramref name="suspended"/> collects the suspended ones that could not take it.</summary>
    public async Task<List<string>> ReachWaitingAsync(SubscriptionQuery query, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken, List<string>? suspended = null)
    {
        var reached = new List<string>();
        var waiting = await subscriptions.QuerySubscriptionsAsync(query, cancellationToken).ConfigureAwait(false);

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

    /// <summary>Starts one instance of each process with a start event subscribed to this message or signal.</summary>
    public async Task<List<string>> StartSubscribersAsync(string kind, string name, IReadOnlyDictionary<string, object?> variables, string? businessKey, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        var starts = await subscriptions.QuerySubscriptionsAsync(new SubscriptionQuery(kind, name, Starts: true), cancellationToken).ConfigureAwait(false);
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
    public async Task<string?> FireAsync(SubscriptionRecord subscription, IReadOnlyDictionary<string, object?> variables, string? businessKey, SubscriptionLease? lease, CancellationToken cancellationToken, List<string>? suspended = null)
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
            catch (ConcurrencyConflictException ex) when (!ex.Context.ContainsKey("lease") && tries < conflictRetries)
            {
                // The instance changed under us: reload and look again whether the token still waits.
            }
        }
    }

    private async Task<string?> FireInstanceSubscriptionAsync(SubscriptionRecord subscription, IReadOnlyDictionary<string, object?> variables, SubscriptionLease? lease, CancellationToken cancellationToken, List<string>? suspended)
    {
        var stored = await instances.GetInstanceAsync(subscription.InstanceId!, cancellationToken).ConfigureAwait(false);
        var instance = stored is null ? null : InstanceStateSerializer.Deserialize(stored);
        var process = instance is null ? null : await pipeline.Definitions.GetAsync(instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        if (instance is not null && process is not null && !instance.IsEnded
            && process.Process.ElementsById.GetValueOrDefault(subscription.ActivityId) is Event catcher && IsCatcher(catcher))
        {
            return await FireCatcherAsync(instance, process, catcher, subscription, variables, lease, cancellationToken, suspended).ConfigureAwait(false);
        }

        var token = instance?.Tokens.Find(t => t.Id == subscription.TokenId && t.State == TokenState.Waiting);
        if (instance is null || process is null || token is null || instance.IsEnded || !WaitsFor(process, token, subscription))
        {
            // Nothing waits any more (the subscription outlived its token): a leased timer is dropped.
            if (lease is not null)
            {
                var drop = new ChangeSet { FiredTimer = lease };
                await commits.CommitAsync(drop, cancellationToken).ConfigureAwait(false);
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
        return await DeliverAsync(instance, process, catching, token, subscription, lease,
            execution => execution.Fire(token, catching, variables), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One subscription delivered as a command: the event is recorded, <paramref name="fire"/> moves the instance on,
    /// and the commit consumes the subscription (or, for a timer, checks and releases the lease) with the instance.
    /// </summary>
    private async Task<string> DeliverAsync(
        ProcessInstance instance, Definitions.DeployedProcess process, FlowNode catching, Token? token, SubscriptionRecord subscription,
        SubscriptionLease? lease, Action<ProcessExecution> fire, CancellationToken cancellationToken)
    {
        var session = pipeline.NewSession(CommandContext.Anonymous, pipeline.Now);
        var execution = session.Add(pipeline.NewExecution(instance, process, pipeline.Now, null));
        execution.Record(HistoryTypes.EventReceived, catching, token, subscription.Id, EventJson(subscription, lease));
        fire(execution);
        await pipeline.CommitAsync(session, [], CommandContext.Anonymous, instance.Id, 200, cancellationToken, changes =>
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

    /// <summary>A boundary event or the start of an event subprocess: it listens beside a token rather than parking one.</summary>
    private static bool IsCatcher(Event catcher) =>
        catcher is BoundaryEvent || (catcher is StartEvent && catcher.Container is SubProcess { TriggeredByEvent: true });

    /// <summary>
    /// A boundary event or event subprocess start fires, if what it listens on is still there: the activity its boundary
    /// is attached to (the host token at it), or the scope of the event subprocess (its token; none at process level).
    /// </summary>
    private async Task<string?> FireCatcherAsync(
        ProcessInstance instance, Definitions.DeployedProcess process, Event catcher, SubscriptionRecord subscription, IReadOnlyDictionary<string, object?> variables,
        SubscriptionLease? lease, CancellationToken cancellationToken, List<string>? suspended)
    {
        var host = subscription.TokenId is { } hostId ? instance.Tokens.Find(t => t.Id == hostId) : null;
        var listening = catcher switch
        {
            BoundaryEvent boundary => host is not null && host.ActivityId == boundary.AttachedToRef && host.State is TokenState.Waiting or TokenState.Failed,
            _ => subscription.TokenId is null || host is not null,
        };
        if (!listening)
        {
            if (lease is not null)
            {
                await commits.CommitAsync(new ChangeSet { FiredTimer = lease }, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (instance.State == InstanceStates.Suspended)
        {
            suspended?.Add(instance.Id);
            return null;
        }

        return await DeliverAsync(instance, process, catcher, host, subscription, lease,
            execution => execution.FireCatcher(host, catcher, variables), cancellationToken).ConfigureAwait(false);
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
        var record = await definitions.GetDefinitionAsync(subscription.DefinitionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var process = await pipeline.Definitions.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
        if (process.Node(subscription.ActivityId) is not StartEvent start)
        {
            return null;
        }

        var now = pipeline.Now;
        var instance = starter.NewInstance(record, businessKey, new Dictionary<string, object?>(variables, StringComparer.Ordinal), now);
        var session = pipeline.NewSession(CommandContext.Anonymous, now);
        var execution = session.Add(pipeline.NewExecution(instance, process, now, null));
        execution.Start(start);
        await pipeline.CommitAsync(session, [], CommandContext.Anonymous, instance.Id, 201, cancellationToken, changes => changes.FiredTimer = lease).ConfigureAwait(false);
        return instance.Id;
    }

    /// <summary>The event-received data: what fired, and for a timer which scheduler (lease owner) fired it.</summary>
    public static string EventJson(SubscriptionRecord subscription, SubscriptionLease? lease = null) =>
        $"{{\"kind\":{JsonSerializer.Serialize(subscription.Kind)},\"name\":{JsonSerializer.Serialize(subscription.Name)},\"subscription\":{JsonSerializer.Serialize(subscription.Id)}"
        + (lease is null ? "}" : $",\"firedBy\":{JsonSerializer.Serialize(lease.Owner)}}}");

    /// <summary>Every subscription a signal of this name reaches now: waiting instances and signal start events.</summary>
    public async Task<IReadOnlyList<SubscriptionRecord>> SignalReceiversAsync(string name, CancellationToken cancellationToken)
    {
        var waiting = await subscriptions.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, name), cancellationToken).ConfigureAwait(false);
        var starts = await subscriptions.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, name, Starts: true), cancellationToken).ConfigureAwait(false);
        return [.. waiting, .. starts];
    }
}
