namespace HypermediaBpm.Engine.Commands;

/// <summary>
/// Who asks and under which conditions. <see cref="Precondition"/> receives the current revision of the
/// resource the command changes (instance or task) and returns false to refuse with 412; the server builds it
/// from <c>If-Match</c>. <see cref="IdempotencyKey"/> with <see cref="RequestHash"/> makes a command happen once.
/// </summary>
public sealed record CommandContext(
    string? User = null,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    Func<string, bool>? Precondition = null)
{
    public static CommandContext Anonymous { get; } = new();

    /// <summary>
    /// The key the outcome is remembered under: scoped to <see cref="User"/>, so that one user's key can neither
    /// replay nor block another user's request (the length prefix keeps <c>a:b</c> + <c>c</c> apart from <c>a</c> + <c>b:c</c>).
    /// </summary>
    public string? ScopedIdempotencyKey =>
        IdempotencyKey is null ? null : User is null ? IdempotencyKey : $"{User.Length}:{User}:{IdempotencyKey}";
}
