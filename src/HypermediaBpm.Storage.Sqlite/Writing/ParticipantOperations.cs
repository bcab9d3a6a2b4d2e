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

/// <summary>Removes a participant (false when there was none).</summary>
internal sealed class RemoveParticipantOperation(string key) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var delete = session.Connection.CreateCommand();
        delete.CommandText = "DELETE FROM participants WHERE key = $key;";
        delete.Parameters.AddWithValue("$key", key);
        return delete.ExecuteNonQuery() == 1;
    }
}
