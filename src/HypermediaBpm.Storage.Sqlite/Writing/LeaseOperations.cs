using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Takes or renews a named lease in one upsert inside the writer's BEGIN IMMEDIATE transaction: another process on the
/// same file asking at the same moment waits for the write lock and then finds the lease held.
/// </summary>
internal sealed class AcquireLeaseOperation(string name, string owner, DateTimeOffset now, DateTimeOffset until) : WriteOperation<bool>
{
    private const string Sql = """
        INSERT INTO leases (name, owner, until) VALUES ($name, $owner, $until)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
        WHERE leases.owner = excluded.owner OR leases.until <= $now
        RETURNING owner;
        """;

    protected override bool Execute(WriterSession session)
    {
        using var command = new PreparedCommand(session.Connection, Sql, "$name", "$owner", "$until", "$now");
        return command.Set(0, name).Set(1, owner).Set(2, SqliteTime.ToTicks(until)).Set(3, SqliteTime.ToTicks(now)).Scalar() is not null;
    }
}

/// <summary>Gives a lease up if its owner still holds it.</summary>
internal sealed class ReleaseLeaseOperation(string name, string owner) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var command = new PreparedCommand(session.Connection, "DELETE FROM leases WHERE name = $name AND owner = $owner;", "$name", "$owner");
        return command.Set(0, name).Set(1, owner).Execute() == 1;
    }
}
