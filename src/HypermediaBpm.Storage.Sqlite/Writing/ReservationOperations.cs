using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// A reservation's events in the store's event log (<c>history</c>, with the reservation's id where an instance's would
/// be), written in the same transaction as the change they record, so that the process feed has them as entries.
/// </summary>
internal static class ReservationHistory
{
    public static void Append(WriterSession session, string reservationId, string processKey, string type, DateTimeOffset at, string? dataJson = null) =>
        CommitChangeSetOperation.AppendHistory(session,
            [new HistoryEvent(0, reservationId, processKey, type, null, null, null, null, at, dataJson)]);
}

/// <summary>Keeps a new reservation.</summary>
internal sealed class AddReservationOperation(ReservationRecord r) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var insert = session.Connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO reservations (id, definition_id, process_key, process_version, business_key, variables_json, state,
                                      created_at, expires_at, updated_at, instance_id)
            VALUES ($id, $definition, $process, $version, $business, $variables, $state, $created, $expires, $updated, $instance);
            """;
        insert.Parameters.AddWithValue("$id", r.Id);
        insert.Parameters.AddWithValue("$definition", r.DefinitionId);
        insert.Parameters.AddWithValue("$process", r.ProcessKey);
        insert.Parameters.AddWithValue("$version", r.ProcessVersion);
        insert.Parameters.AddWithValue("$business", (object?)r.BusinessKey ?? DBNull.Value);
        insert.Parameters.AddWithValue("$variables", r.VariablesJson);
        insert.Parameters.AddWithValue("$state", r.State);
        insert.Parameters.AddWithValue("$created", SqliteTime.ToTicks(r.CreatedAt));
        insert.Parameters.AddWithValue("$expires", SqliteTime.ToTicks(r.ExpiresAt));
        insert.Parameters.AddWithValue("$updated", SqliteTime.ToTicks(r.UpdatedAt));
        insert.Parameters.AddWithValue("$instance", (object?)r.InstanceId ?? DBNull.Value);
        var added = insert.ExecuteNonQuery() == 1;
        ReservationHistory.Append(session, r.Id, r.ProcessKey, HistoryTypes.ReservationCreated, r.CreatedAt,
            $"{{\"expires\":{System.Text.Json.JsonSerializer.Serialize(r.ExpiresAt.UtcDateTime)},\"businessKey\":{System.Text.Json.JsonSerializer.Serialize(r.BusinessKey)}}}");
        return added;
    }
}

/// <summary>Cancels a reservation only while it is reserved and unexpired: the state check and the change are one statement.</summary>
internal sealed class CancelReservationOperation(string id, DateTimeOffset now) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();
        update.CommandText = """
            UPDATE reservations SET state = 'cancelled', updated_at = $now
            WHERE id = $id AND state = 'reserved' AND expires_at > $now
            RETURNING process_key;
            """;
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
        if (update.ExecuteScalar() is not string processKey)
        {
            return false;
        }

        ReservationHistory.Append(session, id, processKey, HistoryTypes.ReservationCancelled, now);
        return true;
    }
}

/// <summary>Marks reservations past their expiry expired, earliest first, by the partial index on <c>expires_at</c>.</summary>
internal sealed class ExpireReservationsOperation(DateTimeOffset now, int limit) : WriteOperation<int>
{
    protected override int Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();
        update.CommandText = """
            UPDATE reservations SET state = 'expired', updated_at = expires_at
            WHERE id IN (SELECT id FROM reservations WHERE state = 'reserved' AND expires_at <= $now ORDER BY expires_at LIMIT $limit)
            RETURNING id, process_key, expires_at;
            """;
        update.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
        update.Parameters.AddWithValue("$limit", limit);
        var expired = new List<(string Id, string ProcessKey, DateTimeOffset At)>();
        using (var reader = update.ExecuteReader())
        {
            while (reader.Read())
            {
                expired.Add((reader.GetString(0), reader.GetString(1), SqliteTime.Read(reader, 2)));
            }
        }

        foreach (var (id, processKey, at) in expired.OrderBy(e => e.At))
        {
            ReservationHistory.Append(session, id, processKey, HistoryTypes.ReservationExpired, at);
        }

        return expired.Count;
    }
}

/// <summary>The reservation part of a change set: confirming it is guarded like a revision.</summary>
internal static class ReservationWrites
{
    public static void Apply(WriterSession session, ChangeSet changes)
    {
        if (changes.ConfirmedReservation is not { } confirmation)
        {
            return;
        }

        using var update = session.Connection.CreateCommand();
        update.CommandText = """
            UPDATE reservations SET state = 'confirmed', instance_id = $instance, updated_at = $at
            WHERE id = $id AND state = 'reserved' AND expires_at > $at
            RETURNING process_key;
            """;
        update.Parameters.AddWithValue("$id", confirmation.ReservationId);
        update.Parameters.AddWithValue("$instance", confirmation.InstanceId);
        update.Parameters.AddWithValue("$at", SqliteTime.ToTicks(confirmation.At));
        if (update.ExecuteScalar() is not string processKey)
        {
            throw new ConcurrencyConflictException(
                $"Reservation '{confirmation.ReservationId}' is no longer reserved: it was confirmed, cancelled or expired first.",
                new Dictionary<string, object?> { ["reservation"] = confirmation.ReservationId });
        }

        ReservationHistory.Append(session, confirmation.ReservationId, processKey, HistoryTypes.ReservationConfirmed, confirmation.At,
            $"{{\"instance\":{System.Text.Json.JsonSerializer.Serialize(confirmation.InstanceId)}}}");
    }
}
