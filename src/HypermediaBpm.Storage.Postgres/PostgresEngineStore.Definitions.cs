using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using HypermediaBpm.Storage.Postgres.Writing;
using static HypermediaBpm.Storage.Postgres.Reading.RowMappers;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    private const string DefinitionByIdSql = $"SELECT {DefinitionColumns} FROM definitions WHERE id = @p;";
    private const string LatestDefinitionSql = $"SELECT {DefinitionColumns} FROM definitions WHERE key = @p ORDER BY version DESC LIMIT 1;";
    private const string DefinitionVersionsSql = $"SELECT {ListedDefinitionColumns} FROM definitions WHERE key = @p ORDER BY version DESC;";
    private const string DefinitionSourceSql = "SELECT source FROM definition_sources WHERE definition_id = @p;";
    private const string ProcessCountSql = "SELECT COUNT(DISTINCT key) FROM definitions;";

    /// <inheritdoc />
    /// <remarks>Goes through the writer; the process key's advisory lock makes "next version" atomic across nodes.</remarks>
    public Task<DefinitionRecord> AddDefinitionAsync(NewDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Writer.SubmitAsync(new AddDefinitionOperation(definition), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DefinitionRecord?> GetDefinitionAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(DefinitionByIdSql, id, Definition), cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> GetDefinitionSourceAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(DefinitionSourceSql, id, static r => r.GetFieldValue<byte[]>(0)), cancellationToken);

    /// <inheritdoc />
    public Task<DefinitionRecord?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(LatestDefinitionSql, key, Definition), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DefinitionRecord>> GetDefinitionVersionsAsync(string key, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.ListAsync(DefinitionVersionsSql, Definition, Param.Text(key).Named("p")), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>The page key is the process key. Processes are few, so the total is a COUNT over the (key, version) index.</remarks>
    public Task<Page<DefinitionRecord>> QueryLatestDefinitionsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var query = new KeysetQuery<DefinitionRecord>
        {
            Columns = ListedDefinitionColumns,
            From = "definitions d",
            KeyColumn = "key",
            Descending = false,
            Map = Definition,
            KeyOf = static d => d.Key,
        }.Where("version = (SELECT MAX(x.version) FROM definitions x WHERE x.key = d.key)");
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, query, page, t => t.ScalarAsync(ProcessCountSql)), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>"Not ended" means running, suspended or failed. Runs in one writer transaction under the key's advisory lock.</remarks>
    public Task<bool> DeleteProcessAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Writer.SubmitAsync(new DeleteProcessOperation(key), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Queued for this node's group-commit writer; the task completes after the batch holding this change set has
    /// committed. A cancellation observed while the change set still waits in the queue means nothing of it was written.
    /// </remarks>
    public Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.IsEmpty ? System.Threading.Tasks.Task.CompletedTask : Writer.SubmitAsync(new CommitChangeSetOperation(changes), cancellationToken);
    }
}
