using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using HypermediaBpm.Storage.Postgres.Writing;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore : IHistoryRetentionStore
{
    private const string AcquireLeaseSql = """
        INSERT INTO leases (name, owner, until) VALUES (@name, @owner, @until)
        ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
        WHERE leases.owner = EXCLUDED.owner OR leases.until <= @now
        RETURNING owner;
        """;

    private const string ReleaseLeaseSql = "DELETE FROM leases WHERE name = @name AND owner = @owner RETURNING owner;";

    private const string AnyTimeToLiveSql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM definitions WHERE history_ttl IS NOT NULL) THEN 1 ELSE 0 END;";

    /// <inheritdoc />
    /// <remarks>One upsert on its own: the row lock of <c>leases</c> orders two nodes asking at once, the second sees the first's owner.</remarks>
    public async Task<bool> TryAcquireLeaseAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(s => s.ListAsync(AcquireLeaseSql, static r => r.GetString(0),
            Param.Text(name).Named("name"), Param.Text(owner).Named("owner"), Param.Time(until).Named("until"), Param.Time(now).Named("now")),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 1;
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken) =>
        ReadAsync(s => s.ListAsync(ReleaseLeaseSql, static r => r.GetString(0), Param.Text(name).Named("name"), Param.Text(owner).Named("owner")),
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>One writer operation: it shares a group-commit transaction with commands, and is bounded by the limit.</remarks>
    public Task<RetentionBatch> RemoveExpiredInstancesAsync(RetentionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        return Writer.SubmitAsync(new RemoveExpiredInstancesOperation(request), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> AnyDefinitionHasTimeToLiveAsync(CancellationToken cancellationToken) =>
        await ReadAsync(s => s.ScalarAsync(AnyTimeToLiveSql), cancellationToken).ConfigureAwait(false) != 0;
}
