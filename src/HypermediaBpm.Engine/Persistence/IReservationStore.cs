namespace HypermediaBpm.Engine.Persistence;

/// <summary>Reserved starts (try-confirm/cancel, the participant side). Part of <see cref="IEngineStore"/>.</summary>
public interface IReservationStore
{
    /// <summary>Keeps a new reservation (try-confirm/cancel <i>try</i>).</summary>
    Task AddReservationAsync(ReservationRecord reservation, CancellationToken cancellationToken);

    Task<ReservationRecord?> GetReservationAsync(string id, CancellationToken cancellationToken);

    Task<Page<ReservationRecord>> QueryReservationsAsync(ReservationQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a reservation that is still reserved and unexpired at <paramref name="now"/>, atomically; false (and
    /// nothing changed) otherwise. Confirmation is not here: it rides in the change set that starts the instance
    /// (<see cref="ChangeSet.ConfirmedReservation"/>).
    /// </summary>
    Task<bool> CancelReservationAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks up to <paramref name="limit"/> reservations still reserved at their expiry (at or before <paramref name="now"/>) expired; returns how many.</summary>
    Task<int> ExpireReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
