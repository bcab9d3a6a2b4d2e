namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A user participant as sign-in sees it. <see cref="PasswordHash"/> is null for a user registered without
/// a password (who cannot sign in with one). <see cref="SecurityStamp"/> changes whenever the password or the
/// disabled flag does.
/// </summary>
public sealed record UserAccount(string Id, string? Name, string? PasswordHash, bool Disabled, string SecurityStamp, IReadOnlyList<string> Groups);
