namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// The claim under which a scheduler fires a due timer. The commit that fires it must still find the timer
/// leased by <see cref="Owner"/>, else nothing is written (<see cref="Errors.ConcurrencyConflictException"/>):
/// that is what makes a timer fire once even with several server processes on one database. The timer is then
/// deleted, or, for a repeating one, moved to <see cref="NextDueAt"/> with its lease released.
/// </summary>
public sealed record SubscriptionLease(string SubscriptionId, string Owner, DateTimeOffset? NextDueAt = null, int RepeatsLeft = 0)
{
    /// <summary>When the timer was due: what its lag (due to fired) is measured from. Not written by the store.</summary>
    public DateTimeOffset? DueAt { get; init; }
}
