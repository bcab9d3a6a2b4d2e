using System.Globalization;
using System.Runtime.InteropServices;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Deploys a definition version. Runs inside the writer's BEGIN IMMEDIATE transaction, so reading
/// MAX(version) and inserting the next one cannot interleave with another process doing the same.
/// </summary>
internal sealed class AddDefinitionOperation(NewDefinition definition) : WriteOperation<DefinitionRecord>
{
    protected override DefinitionRecord Execute(WriterSession session)
    {
        var s = session.Statements;
        var version = definition.Version
            ?? Convert.ToInt32(s.NextDefinitionVersion.Set(0, definition.Key).Scalar(), CultureInfo.InvariantCulture);
        var record = new DefinitionRecord(
            Guid.CreateVersion7(session.Clock.GetUtcNow()).ToString("N"),
            definition.Key,
            version,
            definition.Name,
            definition.Description,
            definition.CreatedAt,
            definition.CreatedAt) { Executable = definition.Executable, HistoryTimeToLive = definition.HistoryTimeToLive };
        var inserted = s.InsertDefinition
            .Set(0, record.Id).Set(1, record.Key).Set(2, record.Version).Set(3, record.Name).Set(4, record.Description)
            .Set(5, SqliteTime.ToTicks(record.CreatedAt)).Set(6, SqliteTime.ToTicks(record.UpdatedAt))
            .Set(7, record.Executable ? 1L : 0L).Execute();
        if (inserted == 0)
        {
            throw new DuplicateVersionException(definition.Key, version);
        }

        s.InsertDefinitionSource.Set(0, record.Id).Set(1, Array(definition.Source)).Execute();
        if (definition.HistoryTimeToLive is { } ttl)
        {
            s.SetDefinitionTimeToLive.Set(0, record.Id).Set(1, ttl.Ticks).Execute();
        }

        // The new version's start events replace the old ones': its timers, message and signal starts only.
        s.DeleteStartSubscriptions.Set(0, definition.Key).Execute();
        foreach (var subscription in definition.StartSubscriptions)
        {
            EventWrites.InsertSubscription(s, subscription with { DefinitionId = record.Id, ProcessKey = record.Key });
        }

        return record;
    }

    /// <summary>The bytes as an array for the driver, without a copy when the memory is a whole array (as uploads are).</summary>
    private static byte[] Array(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
