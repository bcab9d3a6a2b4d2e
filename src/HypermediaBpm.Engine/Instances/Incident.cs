namespace HypermediaBpm.Engine.Instances;

/// <summary>A failure that needs a person: the token it holds stays where it failed.</summary>
public sealed record Incident(
    string Id,
    string TokenId,
    string ActivityId,
    string Code,
    string Message,
    DateTimeOffset CreatedAt);
