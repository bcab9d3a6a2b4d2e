using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>
/// Try-confirm/cancel, the participant side: a reservation is a start that waits for its coordinator. Trying
/// checks everything a start would (the process, its none start event, the start form's fields) and keeps the
/// typed values; confirming starts the instance through the same path as <see cref="StartAsync"/>, with the
/// reservation's confirmation in the instance's own change set, so there is never an instance without a confirmed
/// reservation nor the other way round. The commands themselves are <see cref="Commanding.ReservationCommands"/>.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>Reserves a start of the latest version of <paramref name="processKey"/> (or of one definition) until now + <paramref name="ttl"/>.</summary>
    public Task<ReservationRecord> ReserveAsync(
        string processKey, string? definitionId, string? businessKey, IReadOnlyDictionary<string, object?> variables,
        bool fromHtmlForm, TimeSpan ttl, CancellationToken cancellationToken) =>
        _reservations.ReserveAsync(processKey, definitionId, businessKey, variables, fromHtmlForm, ttl, cancellationToken);

    /// <summary>The reservation with its state as of now (one past its expiry is <c>expired</c> even before the sweep marks it).</summary>
    public Task<ReservationRecord> GetReservationAsync(string id, CancellationToken cancellationToken) => _reservations.GetAsync(id, cancellationToken);

    /// <summary>
    /// Confirms: the instance starts with the reserved variables. Idempotent — a confirmed reservation answers with
    /// itself; a cancelled or expired one is <c>404</c>. Of two confirms at once, one starts the instance and the
    /// other finds it confirmed.
    /// </summary>
    public Task<ReservationRecord> ConfirmReservationAsync(string id, CommandContext context, CancellationToken cancellationToken) =>
        _reservations.ConfirmAsync(id, context, cancellationToken);

    /// <summary>Cancels a reserved start; a cancelled or expired one is <c>404</c>, a confirmed one <c>409 RESERVATION_CONFIRMED</c>.</summary>
    public Task<ReservationRecord> CancelReservationAsync(string id, CancellationToken cancellationToken) => _reservations.CancelAsync(id, cancellationToken);

    /// <summary>Marks reservations past their expiry expired (the sweep); returns how many it marked.</summary>
    public Task<int> ExpireReservationsAsync(int limit, CancellationToken cancellationToken) => _reservations.ExpireAsync(limit, cancellationToken);
}
