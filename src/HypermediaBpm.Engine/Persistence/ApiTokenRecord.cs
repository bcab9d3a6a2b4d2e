namespace HypermediaBpm.Engine.Persistence;

/// <summary>An API token of a user: <see cref="SecretHash"/> is the SHA-256 of its secret (hex), never the secret itself.</summary>
public sealed record ApiTokenRecord(
    string Id,
    string UserId,
    string Name,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null);
