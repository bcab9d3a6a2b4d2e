using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>Registers a participant unless one with the same key exists (then false).</summary>
internal sealed class AddParticipantOperation(ParticipantRecord participant) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var insert = session.Connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO participants (key, kind, id, name, created_at) VALUES ($key, $kind, $id, $name, $at);";
        insert.Parameters.AddWithValue("$key", participant.Key);
        insert.Parameters.AddWithValue("$kind", participant.Kind);
        insert.Parameters.AddWithValue("$id", participant.Id);
        insert.Parameters.AddWithValue("$name", (object?)participant.Name ?? DBNull.Value);
        insert.Parameters.AddWithValue("$at", SqliteTime.ToTicks(participant.CreatedAt));
        return insert.ExecuteNonQuery() == 1;
    }
}

/// <summary>Removes a participant with its memberships and, for a user, its API tokens (false when there was none).</summary>
internal sealed class RemoveParticipantOperation(string key) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var delete = session.Connection.CreateCommand();
        delete.CommandText = "DELETE FROM participants WHERE key = $key;";
        delete.Parameters.AddWithValue("$key", key);
        if (delete.ExecuteNonQuery() != 1)
        {
            return false;
        }

        // A removed user can sign in no more (tokens go) and leaves its groups; a removed group loses its members.
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        var (kind, id) = (key[..separator], key[(separator + 1)..]);
        using var cleanup = session.Connection.CreateCommand();
        cleanup.CommandText = kind == ParticipantKinds.User
            ? "DELETE FROM group_members WHERE user_id = $id; DELETE FROM api_tokens WHERE user_id = $id;"
            : "DELETE FROM group_members WHERE group_id = $id;";
        cleanup.Parameters.AddWithValue("$id", id);
        cleanup.ExecuteNonQuery();
        return true;
    }
}
