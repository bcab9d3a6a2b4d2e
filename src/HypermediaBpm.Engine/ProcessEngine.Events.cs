using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>
/// The events area's public face (messages, signals, timers); the commands themselves are
/// <see cref="Commanding.MessageCommands"/>, <see cref="Commanding.SignalCommands"/> and <see cref="Commanding.TimerCommands"/>
/// over <see cref="Commanding.SubscriptionDelivery"/>.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>Stops a process that calls itself without waiting from starting instances forever.</summary>
    public const int MaxCalledInstancesPerCommand = Commanding.CallFollowUps.MaxCalledInstancesPerCommand;

    /// <summary>
    /// Raised after a commit that scheduled a timer, with its due time, so a waiting scheduler in this process
    /// can wake early. Other processes find the timer by polling the store.
    /// </summary>
    public event Action<DateTimeOffset>? TimerScheduled
    {
        add => _timers.TimerScheduled += value;
        remove => _timers.TimerScheduled -= value;
    }

    /// <summary>What one instance waits for from outside (timers, messages, signals), oldest first.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetSubscriptionsAsync(string instanceId, CancellationToken cancellationToken) =>
        _queries.GetSubscriptionsAsync(instanceId, cancellationToken);

    /// <summary>
    /// Correlates a message: every instance waiting for <paramref name="name"/> with this correlation key (any key
    /// when null) receives it; when none waits, each process with a message start event of that name starts an
    /// instance (its business key: the correlation key). When nothing is reached and <paramref name="timeToLive"/>
    /// is given, the message is kept until a subscriber opens; otherwise <c>MESSAGE_NOT_CORRELATED</c> (404).
    /// </summary>
    public Task<MessageCorrelation> CorrelateMessageAsync(
        string name, string? correlationKey, IReadOnlyDictionary<string, object?> variables, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        _messages.CorrelateAsync(name, correlationKey, variables, timeToLive, cancellationToken);

    /// <summary>Open message subscriptions of every instance (oldest first), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetWaitingMessagesAsync(int limit, CancellationToken cancellationToken) =>
        _messages.GetWaitingAsync(limit, cancellationToken);

    /// <summary>
    /// Where the latest version of every deployed process receives a message (starts on it or waits for it), by
    /// process key and document order. Read from the cached definitions, so only the version list is queried.
    /// </summary>
    public Task<IReadOnlyList<Triggers.MessageUse>> GetMessageUsesAsync(CancellationToken cancellationToken) => _messages.GetUsesAsync(cancellationToken);

    /// <summary>The open subscriptions of instances waiting for message <paramref name="name"/> (oldest first), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<SubscriptionRecord>> GetWaitingForMessageAsync(string name, int limit, CancellationToken cancellationToken) =>
        _messages.GetWaitingForMessageAsync(name, limit, cancellationToken);

    public Task<BufferedMessageRecord> GetBufferedMessageAsync(string id, CancellationToken cancellationToken) =>
        _messages.GetBufferedAsync(id, cancellationToken);

    /// <summary>
    /// Broadcasts a signal to every subscription open now: waiting instances move on and processes with a
    /// signal start event of that name start an instance each.
    /// </summary>
    public Task<SignalBroadcast> BroadcastSignalAsync(string name, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken) =>
        _signals.BroadcastAsync(name, variables, cancellationToken);

    /// <summary>
    /// Fires a due timer that <paramref name="owner"/> has leased (<see cref="ITimerStore.ClaimDueTimersAsync"/>):
    /// the waiting token moves on, or a timer start event starts an instance, through the normal command path.
    /// The commit checks the lease, so if another scheduler took the timer over, nothing is written and the
    /// answer is null. A repeating start timer is moved to its next occurrence in the same commit.
    /// </summary>
    /// <returns>The instance the timer reached or started, or null when it reached nothing.</returns>
    public Task<string?> FireTimerAsync(SubscriptionRecord claimed, string owner, CancellationToken cancellationToken) =>
        _timers.FireAsync(claimed, owner, cancellationToken);
}
