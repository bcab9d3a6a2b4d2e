namespace HypermediaBpm.Engine.Execution;

/// <summary>A signal or message thrown inside a run, delivered once the run has committed.</summary>
/// <param name="Kind">A <see cref="Persistence.SubscriptionKinds"/> value (signal or message).</param>
public sealed record ThrownEvent(string Kind, string Name, string? CorrelationKey, IReadOnlyDictionary<string, object?> Variables);
