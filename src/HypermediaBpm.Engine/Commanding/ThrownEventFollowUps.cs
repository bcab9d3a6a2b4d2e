using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// Signals and messages a run threw (<see cref="ICommandFollowUps.ResolveThrownAsync"/>, <see cref="ICommandFollowUps.DeliverThrownAsync"/>):
/// their receivers are read before the commit, so a catch the run opened itself is not among them, and reached after it.
/// </summary>
internal sealed class ThrownEventFollowUps(SubscriptionDelivery delivery)
{
    /// <summary>Who receives what the run threw, read before it commits: signals reach what is open now.</summary>
    public async Task<List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)>> ResolveThrownAsync(ProcessExecution execution, CancellationToken cancellationToken)
    {
        var resolved = new List<(ThrownEvent, IReadOnlyList<SubscriptionRecord>)>();
        foreach (var thrown in execution.Effects.Thrown)
        {
            resolved.Add((thrown, thrown.Kind == SubscriptionKinds.Signal
                ? await delivery.SignalReceiversAsync(thrown.Name, cancellationToken).ConfigureAwait(false)
                : []));
        }

        return resolved;
    }

    public async Task DeliverThrownAsync(List<(ThrownEvent Thrown, IReadOnlyList<SubscriptionRecord> Receivers)> receivers, CancellationToken cancellationToken)
    {
        foreach (var (thrown, subscriptions) in receivers)
        {
            try
            {
                if (thrown.Kind == SubscriptionKinds.Signal)
                {
                    await delivery.ReachAsync(subscriptions, thrown.Variables, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var reached = await delivery.ReachWaitingAsync(new SubscriptionQuery(SubscriptionKinds.Message, thrown.Name, thrown.CorrelationKey), thrown.Variables, cancellationToken).ConfigureAwait(false);
                    if (reached.Count == 0)
                    {
                        await delivery.StartSubscribersAsync(SubscriptionKinds.Message, thrown.Name, thrown.Variables, thrown.CorrelationKey, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (EngineException)
            {
                // The thrower has committed; a receiver that cannot take the event (ended, suspended, gone) misses it.
            }
        }
    }
}
