using System.Runtime.InteropServices;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// Deploys a definition version. A transaction-level advisory lock on the process key makes reading MAX(version) and
/// inserting the next one atomic across nodes (two nodes deploying the same key at once get consecutive versions).
/// </summary>
internal sealed class AddDefinitionOperation(NewDefinition definition) : WriteOperation<DefinitionRecord>
{
    protected override async Task<DefinitionRecord> ExecuteAsync(WriteSession session)
    {
        // The lock first, alone: a statement's snapshot is taken when it starts, so the read must start after the wait.
        await LockKeyAsync(session, definition.Key).ConfigureAwait(false);
        var versions = await session.QueryAsync("SELECT COALESCE(MAX(version), 0) + 1 FROM definitions WHERE key = $1;",
            r => r.GetInt32(0), Param.Text(definition.Key)).ConfigureAwait(false);
        var version = definition.Version ?? versions[0];
        var record = new DefinitionRecord(
            Guid.CreateVersion7(session.Clock.GetUtcNow()).ToString("N"), definition.Key, version, definition.Name, definition.Description,
            definition.CreatedAt, definition.CreatedAt) { Executable = definition.Executable, HistoryTimeToLive = definition.HistoryTimeToLive };
        var s = new StatementList();
        s.Guarded(() => new DuplicateVersionException(definition.Key, version), """
            INSERT INTO definitions (id, key, version, name, description, created_at, updated_at, executable)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key, version) DO NOTHING;
            """, Param.Text(record.Id), Param.Text(record.Key), Param.Int(record.Version), Param.Text(record.Name), Param.Text(record.Description),
            Param.Time(record.CreatedAt), Param.Time(record.UpdatedAt), Param.Bool(record.Executable));
        await s.ExecuteAsync(session).ConfigureAwait(false);

        s = new StatementList();
        s.Add("INSERT INTO definition_sources (definition_id, source) VALUES ($1, $2);", Param.Text(record.Id), Param.Bytes(Array(definition.Source)));
        if (definition.HistoryTimeToLive is { } ttl)
        {
            s.Add("UPDATE definitions SET history_ttl = $2 WHERE id = $1;", Param.Text(record.Id), Param.Long(ttl.Ticks));
        }

        // The new version's start events replace the old ones': its timers, message and signal starts only.
        s.Add("DELETE FROM subscriptions WHERE process_key = $1 AND instance_id IS NULL;", Param.Text(definition.Key));
        foreach (var subscription in definition.StartSubscriptions)
        {
            EventWrites.InsertSubscription(s, subscription with { DefinitionId = record.Id, ProcessKey = record.Key });
        }

        await s.ExecuteAsync(session).ConfigureAwait(false);
        return record;
    }

    /// <summary>Serialises deploys and deletes of one process key across nodes until the transaction ends.</summary>
    public static Task<int> LockKeyAsync(WriteSession session, string key) =>
        session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('definition:' || $1, 0));", Param.Text(key));

    /// <summary>The bytes as an array for the driver, without a copy when the memory is a whole array (as uploads are).</summary>
    private static byte[] Array(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}

/// <summary>
/// Removes a process with every version, instance, task and history entry, or nothing while an instance has not ended.
/// The process key's advisory lock (as a deploy takes it) makes a deploy of the same key on another node wait for the outcome.
/// </summary>
internal sealed class DeleteProcessOperation(string key) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        await AddDefinitionOperation.LockKeyAsync(session, key).ConfigureAwait(false);
        var busy = await session.QueryAsync("SELECT EXISTS (SELECT 1 FROM instances WHERE process_key = $1 AND state IN ($2, $3, $4));",
            r => r.GetBoolean(0), Param.Text(key), Param.Text(InstanceStates.Running), Param.Text(InstanceStates.Suspended),
            Param.Text(InstanceStates.Failed)).ConfigureAwait(false);
        if (busy[0])
        {
            return false;
        }

        var affected = await session.ExecuteAsync(
            Commands.Batch("DELETE FROM tasks WHERE instance_id IN (SELECT id FROM instances WHERE process_key = $1);", Param.Text(key)),
            Commands.Batch("DELETE FROM subscriptions WHERE process_key = $1 AND instance_id IS NULL;", Param.Text(key)),
            Commands.Batch("""
                DELETE FROM history WHERE instance_id IN (SELECT id FROM instances WHERE process_key = $1)
                                       OR instance_id IN (SELECT id FROM reservations WHERE process_key = $1);
                """, Param.Text(key)),
            Commands.Batch("DELETE FROM instances WHERE process_key = $1;", Param.Text(key)),
            Commands.Batch("DELETE FROM definitions WHERE key = $1;", Param.Text(key)),
            // Every instance and task of the key is gone, so its counters are zero: their stripes go (sums of +n and -n included).
            Commands.Batch("DELETE FROM instance_counts WHERE process_key = $1;", Param.Text(key)),
            Commands.Batch("DELETE FROM task_counts WHERE process_key = $1;", Param.Text(key))).ConfigureAwait(false);
        session.History.HistoryRemoved(affected[2]);
        return true;
    }
}
