using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// What a commit reaches beyond the instances it loaded: called and calling instances, buffered messages, the
/// receivers of thrown signals and messages, and the schedulers waiting for new timers and jobs. The pipeline
/// calls these at fixed points of every commit; the engine's event and call areas answer them, so the pipeline
/// knows no area and every area commits through the pipeline.
/// </summary>
internal interface ICommandFollowUps
{
    /// <summary>Settles what the session's runs asked of other instances (call activities), before the change set is made.</summary>
    Task SettleCallsAsync(CommandSession session, CancellationToken cancellationToken);

    /// <summary>Delivers buffered messages to the run's new message subscriptions, in the same change set.</summary>
    Task DeliverBufferedMessagesAsync(ProcessExecution execution, ChangeSet changes, CancellationToken cancellationToken);

    /// <summary>The receivers of what the run threw, read before the commit.</summary>
    Task<List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)>> ResolveThrownAsync(ProcessExecution execution, CancellationToken cancellationToken);

    /// <summary>Reaches the receivers read before the commit, once it succeeded.</summary>
    Task DeliverThrownAsync(List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)> receivers, CancellationToken cancellationToken);

    /// <summary>Tells the schedulers about the committed timers and jobs.</summary>
    void Announce(ChangeSet changes);
}
