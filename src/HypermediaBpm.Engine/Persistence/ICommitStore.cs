namespace HypermediaBpm.Engine.Persistence;

/// <summary>The one write path of every engine command (one atomic change set) and the idempotency records it leaves. Part of <see cref="IEngineStore"/>.</summary>
public interface ICommitStore
{
    Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one command's changes atomically. Throws <see cref="Errors.ConcurrencyConflictException"/>
    /// (and writes nothing) when an instance's stored revision is not the expected one, or when the
    /// idempotency key is already taken.
    /// </summary>
    Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken);
}
