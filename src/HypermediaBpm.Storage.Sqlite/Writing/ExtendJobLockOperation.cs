using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>Moves the end of a worker's lock, only while that worker still holds the job.</summary>
internal sealed class ExtendJobLockOperation(string jobId, string workerId, DateTimeOffset now, DateTimeOffset lockUntil)
    : WriteOperation<JobRecord?>
{
    protected override JobRecord? Execute(WriterSession session)
    {
        using var reader = session.Statements.ExtendJobLock
            .Set(0, jobId).Set(1, workerId).Set(2, SqliteTime.ToTicks(now)).Set(3, SqliteTime.ToTicks(lockUntil))
            .Reader();
        return reader.Read() ? RowMappers.Job(reader) : null;
    }
}
