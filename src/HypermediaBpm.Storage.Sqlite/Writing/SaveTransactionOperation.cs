using System.Text.Json;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>Inserts or replaces a coordination record whole; its one coordinator is its only writer.</summary>
internal sealed class SaveTransactionOperation(TransactionRecord t) : WriteOperation<bool>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override bool Execute(WriterSession session)
    {
        using var upsert = session.Connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO tcc_transactions (id, operation, state, created_at, updated_at, participants_json, steps_json, instance_id)
            VALUES ($id, $operation, $state, $created, $updated, $participants, $steps, $instance)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                participants_json = excluded.participants_json, steps_json = excluded.steps_json;
            """;
        upsert.Parameters.AddWithValue("$id", t.Id);
        upsert.Parameters.AddWithValue("$operation", t.Operation);
        upsert.Parameters.AddWithValue("$state", t.State);
        upsert.Parameters.AddWithValue("$created", SqliteTime.ToTicks(t.CreatedAt));
        upsert.Parameters.AddWithValue("$updated", SqliteTime.ToTicks(t.UpdatedAt));
        upsert.Parameters.AddWithValue("$participants", JsonSerializer.Serialize(t.Participants, Json));
        upsert.Parameters.AddWithValue("$steps", JsonSerializer.Serialize(t.Steps, Json));
        upsert.Parameters.AddWithValue("$instance", (object?)t.InstanceId ?? DBNull.Value);
        return upsert.ExecuteNonQuery() == 1;
    }
}
