using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The message area: correlate a message (to waiting instances, else to message start events, else kept for a while),
/// read waiting subscriptions and kept messages, and deliver kept messages to the subscriptions a run opened
/// (<see cref="ICommandFollowUps.DeliverBufferedMessagesAsync"/>).
/// </summary>
internal sealed class MessageCommands(
    CommandPipeline pipeline, IDefinitionStore definitions, ISubscriptionStore subscriptions, ICommitStore commits, SubscriptionDelivery delivery)
{
    /// <summary>Most buffered-message deliveries one command makes before it commits (each may open new subscriptions).</summary>
    private const int MaxBufferedDeliveries = 100;

    /// <summary>
    /// Correlates a message: every instance waiting for <paramref name="name"/> with this correlation key (any key
    /// when null) receives it; when none waits, each process with a message start event of that name starts an
    /// instance (its business key: the correlation key). When nothing is reached and <paramref name="timeToLive"/>
    /// is given, the message is kept until a subscriber opens; otherwise <c>MESSAGE_NOT_CORRELATED</c> (404).
    /// </summary>
    public async Task<MessageCorrelation> CorrelateAsync(
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

        pipeline.CheckRequestVariables(variables);
        name = name.Trim();
        var key = string.IsNullOrWhiteSpace(correlationKey) ? null : correlationKey.Trim();
        var normalized = SubscriptionDelivery.Normalize(variables);
        var suspended = new List<string>();
        var reached = await delivery.ReachWaitingAsync(new SubscriptionQuery(SubscriptionKinds.Message, name, key), normalized, cancellationToken, suspended).ConfigureAwait(false);
        var started = reached.Count == 0
            ? await delivery.StartSubscribersAsync(SubscriptionKinds.Message, name, normalized, key, cancellationToken).ConfigureAwait(false)
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

        var now = pipeline.Now;
        var buffered = new BufferedMessageRecord(Guid.CreateVersion7(now).ToString("N"), name, key, VariableJson.Serialize(normalized), now, now + keep);
        var changes = new ChangeSet();
        changes.BufferedMessages.Add(buffered);
        await commits.CommitAsync(changes, cancellationToken).ConfigureAwait(false);
        return new MessageCorrelation([], [], buffered);
    }

    /// <summary>Open message subscriptions of every instance (oldest first), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetWaitingAsync(int limit, CancellationToken cancellationToken) =>
        subscriptions.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Message, Limit: limit), cancellationToken);

    /// <summary>
    /// Where the latest version of every deployed process receives a message (starts on it or waits for it), by
    /// process key and document order. Read from the cached definitions, so only the version list is queried.
    /// </summary>
    public async Task<IReadOnlyList<Triggers.MessageUse>> GetUsesAsync(CancellationToken cancellationToken)
    {
        var uses = new List<Triggers.MessageUse>();
        string? after = null;
        while (true)
        {
            var page = await definitions.QueryLatestDefinitionsAsync(new PageRequest(PageRequest.MaxSize, after), cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Items)
            {
                uses.AddRange(Triggers.MessageUses.Of(await pipeline.Definitions.GetAsync(record.Id, cancellationToken).ConfigureAwait(false)));
            }

            if (!page.HasNext || page.LastKey is null)
            {
                return uses;
            }

            after = page.LastKey;
        }
    }

    /// <summary>The open subscriptions of instances waiting for message <paramref name="name"/> (oldest first), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetWaitingForMessageAsync(string name, int limit, CancellationToken cancellationToken) =>
        subscriptions.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Message, name, Limit: limit), cancellationToken);

    public async Task<BufferedMessageRecord> GetBufferedAsync(string id, CancellationToken cancellationToken) =>
        await subscriptions.GetBufferedMessageAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("MESSAGE_NOT_FOUND", $"Buffered message '{id}' does not exist (delivered, expired or never sent).",
            new Dictionary<string, object?> { ["message"] = id });

    /// <summary>Delivers buffered messages to the message subscriptions this run opened, inside this same command.</summary>
    public async Task DeliverBufferedMessagesAsync(ProcessExecution execution, ChangeSet changes, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxBufferedDeliveries; round++)
        {
            SubscriptionRecord? match = null;
            BufferedMessageRecord? message = null;
            foreach (var subscription in execution.Effects.OpenedSubscriptions)
            {
                if (subscription.Kind != SubscriptionKinds.Message || subscription.Name is null)
                {
                    continue;
                }

                message = await subscriptions.FindBufferedMessageAsync(subscription.Name, subscription.CorrelationKey, pipeline.Now, cancellationToken).ConfigureAwait(false);
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
            execution.Record(HistoryTypes.EventReceived, catching, token, message.Id, SubscriptionDelivery.EventJson(match));
            execution.Fire(token, catching, VariableJson.Deserialize(message.VariablesJson));
        }
    }
}
