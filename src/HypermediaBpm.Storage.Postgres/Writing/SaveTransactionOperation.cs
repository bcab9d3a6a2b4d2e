using System.Text.Json;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>Inserts or replaces a coordination record whole; its one coordinator is its only writer.</summary>
internal sealed class SaveTransactionOperation(TransactionRecord t) : WriteOperation<bool>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task<bool> ExecuteAsync(WriteSession session) =>
        await session.ExecuteAsync("""
            INSERT INTO tcc_transactions (id, operation, state, created_at, updated_at, participants_json, steps_json, instance_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at,
                participants_json = excluded.participants_json, steps_json = excluded.steps_json;
            """, Param.Text(t.Id), Param.Text(t.Operation), Param.Text(t.State), Param.Time(t.CreatedAt), Param.Time(t.UpdatedAt),
            Param.Text(JsonSerializer.Serialize(t.Participants, Json)), Param.Text(JsonSerializer.Serialize(t.Steps, Json)),
            Param.Text(t.InstanceId)).ConfigureAwait(false) == 1;
}
