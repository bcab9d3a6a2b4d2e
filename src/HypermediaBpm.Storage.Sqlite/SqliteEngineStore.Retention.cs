using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Writing;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore : IHistoryRetentionStore
{
    private const string AnyTimeToLiveSql = "SELECT EXISTS (SELECT 1 FROM definitions WHERE history_ttl IS NOT NULL);";

    /// <inheritdoc />
    /// <remarks>Through the writer, so the upsert runs under the database's write lock, against other processes too.</remarks>
    public Task<bool> TryAcquireLeaseAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new AcquireLeaseOperation(name, owner, now, until), cancellationToken);

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string name, string owner, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ReleaseLeaseOperation(name, owner), cancellationToken);

    /// <inheritdoc />
    /// <remarks>One writer operation: it shares a group-commit transaction with commands, and is bounded by the limit.</remarks>
    public Task<RetentionBatch> RemoveExpiredInstancesAsync(RetentionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        return Writer.SubmitAsync(new RemoveExpiredInstancesOperation(request), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AnyDefinitionHasTimeToLiveAsync(CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Scalar(AnyTimeToLiveSql) != 0, cancellationToken);
}
