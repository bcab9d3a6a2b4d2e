using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Writing;
using static HypermediaBpm.Storage.Sqlite.Reading.RowMappers;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string DefinitionByIdSql = $"SELECT {DefinitionColumns} FROM definitions WHERE id = $id;";
    private const string LatestDefinitionSql = $"SELECT {DefinitionColumns} FROM definitions WHERE key = $key ORDER BY version DESC LIMIT 1;";
    private const string DefinitionVersionsSql = $"SELECT {ListedDefinitionColumns} FROM definitions WHERE key = $key ORDER BY version DESC;";
    private const string DefinitionSourceSql = "SELECT source FROM definition_sources WHERE definition_id = $id;";
    private const string ProcessCountSql = "SELECT COUNT(DISTINCT key) FROM definitions;";

    /// <inheritdoc />
    /// <remarks>Goes through the writer, so the next version is read and taken inside one BEGIN IMMEDIATE transaction.</remarks>
    public Task<DefinitionRecord> AddDefinitionAsync(NewDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Writer.SubmitAsync(new AddDefinitionOperation(definition), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DefinitionRecord?> GetDefinitionAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(DefinitionByIdSql, "$id", id, Definition), cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> GetDefinitionSourceAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(DefinitionSourceSql, "$id", id, static r => (byte[])r.GetValue(0)), cancellationToken);

    /// <inheritdoc />
    public Task<DefinitionRecord?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(LatestDefinitionSql, "$key", key, Definition), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DefinitionRecord>> GetDefinitionVersionsAsync(string key, CancellationToken cancellationToken) =>
        await Reads.ReadAsync(c => c.List(DefinitionVersionsSql, "$key", key, Definition), cancellationToken).ConfigureAwait(false);

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
        return Reads.ReadAsync(c => c.InSnapshot(s => KeysetPager.Fetch(s, query, page, t => t.Scalar(ProcessCountSql))), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>"Not ended" means running, suspended or failed. Runs in the writer's transaction, so no instance can start in between.</remarks>
    public Task<bool> DeleteProcessAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Writer.SubmitAsync(new DeleteProcessOperation(key), cancellationToken);
    }
}
