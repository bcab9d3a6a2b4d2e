using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Leases due timers to one scheduler in one UPDATE ... RETURNING inside the writer's BEGIN IMMEDIATE
/// transaction: another process claiming at the same moment waits for the write lock and then finds them leased.
/// </summary>
internal sealed class ClaimTimersOperation(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    : WriteOperation<IReadOnlyList<SubscriptionRecord>>
{
    protected override IReadOnlyList<SubscriptionRecord> Execute(WriterSession session)
    {
        using var reader = session.Statements.ClaimDueTimers
            .Set(0, owner).Set(1, SqliteTime.ToTicks(leaseUntil)).Set(2, SqliteTime.ToTicks(now)).Set(3, limit)
            .Reader();
        var claimed = new List<SubscriptionRecord>();
        while (reader.Read())
        {
            claimed.Add(RowMappers.Subscription(reader));
        }

        return claimed;
    }
}
