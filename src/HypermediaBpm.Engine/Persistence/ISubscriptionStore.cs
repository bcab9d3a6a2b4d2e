namespace HypermediaBpm.Engine.Persistence;

/// <summary>What instances and processes wait for from outside (timers, messages, signals) and the messages kept until someone waits for them. Part of <see cref="IEngineStore"/>.</summary>
public interface ISubscriptionStore
{
    Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<SubscriptionRecord>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken);

    Task<BufferedMessageRecord?> GetBufferedMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>The oldest unexpired buffered message with this name whose key equals <paramref name="correlationKey"/> (or has none).</summary>
    Task<BufferedMessageRecord?> FindBufferedMessageAsync(string name, string? correlationKey, DateTimeOffset now, CancellationToken cancellationToken);
}
