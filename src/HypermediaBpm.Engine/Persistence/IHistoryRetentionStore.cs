namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// The store side of history retention (docs/operations.md, "History retention"): removing ended instances whose time
/// to live has passed, in small batches, and a named lease so that one server node at a time does it.
/// </summary>
public interface IHistoryRetentionStore
{
    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="owner"/> until <paramref name="until"/>,
    /// atomically: true when it was free, ran out at <paramref name="now"/>, or is already <paramref name="owner"/>'s;
    /// false (and nothing changed) while another owner holds it.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the lease up early, if <paramref name="owner"/> holds it, so another node need not wait for it to run out.</summary>
    Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Removes up to <see cref="RetentionRequest.Limit"/> ended instances whose end plus their time to live is at or before
    /// <see cref="RetentionRequest.Now"/>, with every row kept for them, in one short transaction; counters go down with them.
    /// Running, suspended and failed instances are never touched, nor an ended instance whose calling instance has not ended.
    /// </summary>
    Task<RetentionBatch> RemoveExpiredInstancesAsync(RetentionRequest request, CancellationToken cancellationToken);

    /// <summary>True when some deployed version carries its own time to live (<c>camunda:historyTimeToLive</c>).</summary>
    Task<bool> AnyDefinitionHasTimeToLiveAsync(CancellationToken cancellationToken);
}
