using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// A reservation's events in the store's event log (<c>history</c>, with the reservation's id where an instance's would
/// be), written in the same transaction as the change they record, so that the process feed has them as entries.
/// </summary>
internal static class ReservationHistory
{
    public static void Append(WriteSession session, string reservationId, string processKey, string type, DateTimeOffset at, string? dataJson = null) =>
        session.History.Append([new HistoryEvent(0, reservationId, processKey, type, null, null, null, null, at, dataJson)]);
}

/// <summary>Keeps a new reservation.</summary>
internal sealed class AddReservationOperation(ReservationRecord r) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        var added = await session.ExecuteAsync("""
            INSERT INTO reservations (id, definition_id, process_key, process_version, business_key, variables_json, state,
                                      created_at, expires_at, updated_at, instance_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);
            """, Param.Text(r.Id), Param.Text(r.DefinitionId), Param.Text(r.ProcessKey), Param.Int(r.ProcessVersion), Param.Text(r.BusinessKey),
            Param.Text(r.VariablesJson), Param.Text(r.State), Param.Time(r.CreatedAt), Param.Time(r.ExpiresAt), Param.Time(r.UpdatedAt),
            Param.Text(r.InstanceId)).ConfigureAwait(false) == 1;
        ReservationHistory.Append(session, r.Id, r.ProcessKey, HistoryTypes.ReservationCreated, r.CreatedAt,
            $"{{\"expires\":{WriteSession.Json(r.ExpiresAt.UtcDateTime)},\"businessKey\":{WriteSession.Json(r.BusinessKey)}}}");
        return added;
    }
}

/// <summary>Cancels a reservation only while it is reserved and unexpired: the state check and the change are one statement.</summary>
internal sealed class CancelReservationOperation(string id, DateTimeOffset now) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        var rows = await session.QueryAsync("""
            UPDATE reservations SET state = 'cancelled', updated_at = $2
            WHERE id = $1 AND state = 'reserved' AND expires_at > $2
            RETURNING process_key;
            """, r => r.GetString(0), Param.Text(id), Param.Time(now)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return false;
        }

        ReservationHistory.Append(session, id, rows[0], HistoryTypes.ReservationCancelled, now);
        return true;
    }
}

/// <summary>
/// Marks reservations past their expiry expired, earliest first, by the partial index on <c>expires_at</c>. Rows another
/// node is expiring at the same moment are skipped, not waited for.
/// </summary>
internal sealed class ExpireReservationsOperation(DateTimeOffset now, int limit) : WriteOperation<int>
{
    protected override async Task<int> ExecuteAsync(WriteSession session)
    {
        var expired = await session.QueryAsync("""
            UPDATE reservations r SET state = 'expired', updated_at = r.expires_at
            FROM (SELECT id FROM reservations WHERE state = 'reserved' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
            WHERE r.id = due.id
            RETURNING r.id, r.process_key, r.expires_at;
            """, r => (Id: r.GetString(0), ProcessKey: r.GetString(1), At: PostgresTime.Read(r, 2)), Param.Time(now), Param.Int(limit)).ConfigureAwait(false);
        foreach (var (reservationId, processKey, at) in expired.OrderBy(e => e.At))
        {
            ReservationHistory.Append(session, reservationId, processKey, HistoryTypes.ReservationExpired, at);
        }

        return expired.Count;
    }
}

/// <summary>The reservation part of a change set: confirming it is guarded like a revision.</summary>
internal static class ReservationWrites
{
    public static async Task ConfirmAsync(WriteSession session, ChangeSet changes)
    {
        if (changes.ConfirmedReservation is not { } confirmation)
        {
            return;
        }

        var rows = await session.QueryAsync("""
            UPDATE reservations SET state = 'confirmed', instance_id = $2, updated_at = $3
            WHERE id = $1 AND state = 'reserved' AND expires_at > $3
            RETURNING process_key;
            """, r => r.GetString(0), Param.Text(confirmation.ReservationId), Param.Text(confirmation.InstanceId), Param.Time(confirmation.At)).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new ConcurrencyConflictException(
                $"Reservation '{confirmation.ReservationId}' is no longer reserved: it was confirmed, cancelled or expired first.",
                new Dictionary<string, object?> { ["reservation"] = confirmation.ReservationId });
        }

        ReservationHistory.Append(session, confirmation.ReservationId, rows[0], HistoryTypes.ReservationConfirmed, confirmation.At,
            $"{{\"instance\":{WriteSession.Json(confirmation.InstanceId)}}}");
    }
}
