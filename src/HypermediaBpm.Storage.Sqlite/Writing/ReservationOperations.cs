using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

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
        return insert.ExecuteNonQuery() == 1;
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
            WHERE id = $id AND state = 'reserved' AND expires_at > $now;
            """;
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
        return update.ExecuteNonQuery() == 1;
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
            WHERE id IN (SELECT id FROM reservations WHERE state = 'reserved' AND expires_at <= $now ORDER BY expires_at LIMIT $limit);
            """;
        update.Parameters.AddWithValue("$now", SqliteTime.ToTicks(now));
        update.Parameters.AddWithValue("$limit", limit);
        return update.ExecuteNonQuery();
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
            WHERE id = $id AND state = 'reserved' AND expires_at > $at;
            """;
        update.Parameters.AddWithValue("$id", confirmation.ReservationId);
        update.Parameters.AddWithValue("$instance", confirmation.InstanceId);
        update.Parameters.AddWithValue("$at", SqliteTime.ToTicks(confirmation.At));
        if (update.ExecuteNonQuery() == 0)
        {
            throw new ConcurrencyConflictException(
                $"Reservation '{confirmation.ReservationId}' is no longer reserved: it was confirmed, cancelled or expired first.",
                new Dictionary<string, object?> { ["reservation"] = confirmation.ReservationId });
        }
    }
}
