namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Open subscriptions of one kind and name (oldest first). <see cref="CorrelationKey"/> null matches every key;
/// <see cref="Starts"/> selects start subscriptions (no instance) instead of instance ones.
/// <see cref="InstanceId"/> alone lists what one instance waits for.
/// </summary>
public sealed record SubscriptionQuery(
    string? Kind = null,
    string? Name = null,
    string? CorrelationKey = null,
    bool Starts = false,
    string? InstanceId = null,
    int Limit = 1000);
