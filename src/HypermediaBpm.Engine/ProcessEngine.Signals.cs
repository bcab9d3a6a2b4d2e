using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
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

        CheckRequestVariables(variables);
        var normalized = Normalize(variables);
        var receivers = await SignalReceiversAsync(name.Trim(), cancellationToken).ConfigureAwait(false);
        return await ReachAsync(receivers, normalized, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SubscriptionRecord>> SignalReceiversAsync(string name, CancellationToken cancellationToken)
    {
        var waiting = await _store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, name), cancellationToken).ConfigureAwait(false);
        var starts = await _store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, name, Starts: true), cancellationToken).ConfigureAwait(false);
        return [.. waiting, .. starts];
    }
}
