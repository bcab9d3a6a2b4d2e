using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Locks a batch of a topic's jobs for one worker in one UPDATE ... RETURNING inside the writer's BEGIN IMMEDIATE
/// transaction, as timers are claimed: a worker of another process locking at the same moment waits for the write
/// lock and then finds these jobs held.
/// </summary>
internal sealed class LockJobsOperation(string topic, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, int limit)
    : WriteOperation<IReadOnlyList<JobRecord>>
{
    protected override IReadOnlyList<JobRecord> Execute(WriterSession session)
    {
        using var reader = session.Statements.LockJobs
            .Set(0, workerId).Set(1, SqliteTime.ToTicks(lockUntil)).Set(2, topic).Set(3, SqliteTime.ToTicks(now)).Set(4, limit)
            .Reader();
        var locked = new List<JobRecord>();
        while (reader.Read())
        {
            locked.Add(RowMappers.Job(reader));
        }

        // RETURNING gives no order; workers get the oldest first.
        locked.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return locked;
    }
}
