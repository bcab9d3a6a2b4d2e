namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A message sent with a time to live that no one waited for yet: kept until <see cref="ExpiresAt"/>, and
/// delivered to the first subscription with its name and key that opens before then.
/// </summary>
public sealed record BufferedMessageRecord(
    string Id,
    string Name,
    string? CorrelationKey,
    string VariablesJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
