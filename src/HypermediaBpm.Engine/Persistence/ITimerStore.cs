namespace HypermediaBpm.Engine.Persistence;

/// <summary>Due timers, leased to one scheduler at a time. Part of <see cref="IEngineStore"/>.</summary>
public interface ITimerStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> timers due at <paramref name="now"/> whose lease is free or expired
    /// for <paramref name="owner"/> until <paramref name="leaseUntil"/>, atomically (two schedulers never get the
    /// same timer while a lease holds), earliest first, by an index on the due time.
    /// </summary>
    Task<IReadOnlyList<SubscriptionRecord>> ClaimDueTimersAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// When the next timer can be claimed: its due time, or for a leased one the end of its lease (a scheduler
    /// sleeps until then); null when there is no timer.
    /// </summary>
    Task<DateTimeOffset?> GetNextTimerDueAsync(CancellationToken cancellationToken);
}
