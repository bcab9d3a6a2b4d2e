using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Forms;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// Try-confirm/cancel, the participant side: a reservation is a start that waits for its coordinator. Trying
/// checks everything a start would (the process, its none start event, the start form's fields) and keeps the
/// typed values; confirming starts the instance through the same path as a start request (<see cref="IInstanceStarter"/>), with the
/// reservation's confirmation in the instance's own change set, so there is never an instance without a confirmed
/// reservation nor the other way round.
/// </summary>
internal sealed class ReservationCommands(CommandPipeline pipeline, IReservationStore store, IInstanceStarter starter, int conflictRetries)
{
    /// <summary>Reserves a start of the latest version of <paramref name="processKey"/> (or of one definition) until now + <paramref name="ttl"/>.</summary>
    public async Task<ReservationRecord> ReserveAsync(
        string processKey, string? definitionId, string? businessKey, IReadOnlyDictionary<string, object?> variables,
        bool fromHtmlForm, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (ttl <= TimeSpan.Zero)
        {
            throw new ValidationException("INVALID_INPUT", "A reservation must last longer than nothing.",
                [new ValidationError("FIELD_INVALID", "'ttl' must be a positive number of seconds.", "ttl")]);
        }

        var record = await pipeline.DefinitionToStartAsync(processKey, definitionId, cancellationToken).ConfigureAwait(false);
        var process = await pipeline.Definitions.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var typed = FormInput.Apply(starter.StartEventOf(process).FormFields, variables, fromHtmlForm);
        pipeline.CheckRequestVariables(typed);
        var now = pipeline.Now;
        var reservation = new ReservationRecord(
            Guid.CreateVersion7(now).ToString("N"), record.Id, record.Key, record.Version,
            string.IsNullOrWhiteSpace(businessKey) ? null : businessKey.Trim(), VariableJson.Serialize(typed),
            ReservationStates.Reserved, now, now + ttl, now);
        await store.AddReservationAsync(reservation, cancellationToken).ConfigureAwait(false);
        return reservation;
    }

    /// <summary>The reservation with its state as of now (one past its expiry is <c>expired</c> even before the sweep marks it).</summary>
    public async Task<ReservationRecord> GetAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await store.GetReservationAsync(id, cancellationToken).ConfigureAwait(false) ?? throw ReservationNotFound(id);
        return stored with { State = stored.StateAt(pipeline.Now) };
    }

    /// <summary>
    /// Confirms: the instance starts with the reserved variables. Idempotent — a confirmed reservation answers with
    /// itself; a cancelled or expired one is <c>404</c>. Of two confirms at once, one starts the instance and the
    /// other finds it confirmed.
    /// </summary>
    public async Task<ReservationRecord> ConfirmAsync(string id, CommandContext context, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            var reservation = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (reservation.State == ReservationStates.Confirmed)
            {
                return reservation;
            }

            if (reservation.State != ReservationStates.Reserved)
            {
                throw ReservationGone(reservation);
            }

            var process = await pipeline.Definitions.GetAsync(reservation.DefinitionId, cancellationToken).ConfigureAwait(false);
            try
            {
                var outcome = await starter.StartInstanceAsync(process, reservation.BusinessKey, VariableJson.Deserialize(reservation.VariablesJson), context,
                    (instance, changes) => changes.ConfirmedReservation = new ReservationConfirmation(id, instance.Id, instance.StartedAt),
                    cancellationToken).ConfigureAwait(false);
                return reservation with { State = ReservationStates.Confirmed, InstanceId = outcome.InstanceId, UpdatedAt = outcome.Instance!.StartedAt };
            }
            catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("reservation") && tries < conflictRetries)
            {
                // Confirmed, cancelled or expired meanwhile: read it again and answer what it is now.
            }
        }
    }

    /// <summary>Cancels a reserved start; a cancelled or expired one is <c>404</c>, a confirmed one <c>409 RESERVATION_CONFIRMED</c>.</summary>
    public async Task<ReservationRecord> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var now = pipeline.Now;
        if (await store.CancelReservationAsync(id, now, cancellationToken).ConfigureAwait(false))
        {
            var cancelled = await store.GetReservationAsync(id, cancellationToken).ConfigureAwait(false);
            return cancelled!;
        }

        var reservation = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (reservation.State == ReservationStates.Confirmed)
        {
            throw new InvalidStateException("RESERVATION_CONFIRMED", $"Reservation '{id}' is confirmed: its instance has started and is cancelled as an instance.",
                new Dictionary<string, object?> { ["reservation"] = id, ["instance"] = reservation.InstanceId });
        }

        throw ReservationGone(reservation);
    }

    /// <summary>Marks reservations past their expiry expired (the sweep); returns how many it marked.</summary>
    public Task<int> ExpireAsync(int limit, CancellationToken cancellationToken) =>
        store.ExpireReservationsAsync(pipeline.Now, limit, cancellationToken);

    private static NotFoundException ReservationNotFound(string id) =>
        new("RESERVATION_NOT_FOUND", $"Reservation '{id}' does not exist.", new Dictionary<string, object?> { ["reservation"] = id });

    private static NotFoundException ReservationGone(ReservationRecord reservation) =>
        new(reservation.State == ReservationStates.Expired ? "RESERVATION_EXPIRED" : "RESERVATION_CANCELLED",
            $"Reservation '{reservation.Id}' is {reservation.State}: it can no longer be confirmed or cancelled.",
            new Dictionary<string, object?> { ["reservation"] = reservation.Id, ["state"] = reservation.State, ["expires"] = reservation.ExpiresAt });
}
