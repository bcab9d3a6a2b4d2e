using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>The signal area: a broadcast reaches every subscription open now.</summary>
internal sealed class SignalCommands(CommandPipeline pipeline, SubscriptionDelivery delivery)
{
    /// <summary>
    /// Broadcasts a signal to every subscription open now: waiting instances move on and processes with a
    /// signal start event of that name start an instance each.
    /// </summary>
    public async Task<SignalBroadcast> BroadcastAsync(string name, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ValidationException("INVALID_INPUT", "A signal needs a name.", [new ValidationError("FIELD_REQUIRED", "'name' is required.", "name")]);
        }

        pipeline.CheckRequestVariables(variables);
        var normalized = SubscriptionDelivery.Normalize(variables);
        var receivers = await delivery.SignalReceiversAsync(name.Trim(), cancellationToken).ConfigureAwait(false);
        return await delivery.ReachAsync(receivers, normalized, cancellationToken).ConfigureAwait(false);
    }
}
