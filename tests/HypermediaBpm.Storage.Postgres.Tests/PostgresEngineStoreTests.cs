using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.StoreCompliance;
using HypermediaBpm.Storage.Postgres.Tests.Support;

namespace HypermediaBpm.Storage.Postgres.Tests;

/// <summary>The compliance suite on a real PostgreSQL database (one per test), plus what only the PostgreSQL store promises.</summary>
public sealed partial class PostgresEngineStoreTests : EngineStoreComplianceTests
{
    private readonly List<string> _databases = [];
    private string? _connectionString;

    protected override async Task<IEngineStore> CreateStoreAsync()
    {
        _connectionString = await MigratedTemplate.CreateDatabaseAsync("store");
        _databases.Add(_connectionString);
        return await OpenAsync(_connectionString);
    }

    protected override Task<IEngineStore> OpenSameDatabaseAsync() => OpenAsync(_connectionString!);

    protected override async Task CleanupAsync()
    {
        foreach (var database in _databases)
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task<IEngineStore> OpenAsync(string connectionString, string? nodeId = null)
    {
        var store = new PostgresEngineStore(new PostgresStoreOptions { ConnectionString = connectionString, NodeId = nodeId });
        await store.InitializeAsync(Ct);
        return store;
    }
}
