using HypermediaBpm.StoreCompliance;
using HypermediaBpm.Storage.Postgres.Tests.Support;

namespace HypermediaBpm.Storage.Postgres.Tests;

public sealed partial class PostgresEngineStoreTests
{
    [Fact]
    public async Task Issue17_InitializeAsync_EightStoresAtOnceOnAnEmptyDatabase_MigrateItOnce()
    {
        // Arrange: an empty database, not the migrated template.
        var connectionString = await PostgresServer.CreateDatabaseAsync("migrate");
        _databases.Add(connectionString);

        // Act: eight store objects (as eight nodes would) initialize at the same moment.
        var stores = Enumerable.Range(0, 8).Select(i => new PostgresEngineStore(new PostgresStoreOptions { ConnectionString = connectionString, NodeId = $"n{i}" })).ToList();
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(Ct))));

        // Assert: every version applied exactly once, and the schema works from each.
        await using var database = new Database(connectionString);
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM schema_version WHERE version = $1", PostgresEngineStore.SchemaVersion));
        Assert.Equal(await database.CountAsync("SELECT COUNT(DISTINCT version) FROM schema_version"), await database.CountAsync("SELECT COUNT(*) FROM schema_version"));
        foreach (var store in stores)
        {
            Assert.Empty((await store.QueryLatestDefinitionsAsync(new Engine.Persistence.PageRequest(), Ct)).Items);
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Issue17_History_RecordsTheNodeThatWroteEachEvent()
    {
        // Arrange
        var nodeB = (PostgresEngineStore)await OpenAsync(_connectionString!, "node-b");
        var definition = await DeployAsync("p");
        var instance = await StartAsync(definition);

        // Act
        await Store.CommitAsync(StoreSamples.Changes(history: [Samples.History(instance, "from-a")]), Ct);
        await nodeB.CommitAsync(StoreSamples.Changes(history: [Samples.History(instance, "from-b")]), Ct);
        await nodeB.DisposeAsync();

        // Assert
        await using var database = new Database(_connectionString!);
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM history WHERE type = 'from-b' AND node_id = 'node-b'"));
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM history WHERE type = 'from-a' AND node_id = $1", ((PostgresEngineStore)Store).NodeId));
    }
}
