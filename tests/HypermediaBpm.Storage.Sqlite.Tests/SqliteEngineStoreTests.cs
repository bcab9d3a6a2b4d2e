using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.StoreCompliance;
using HypermediaBpm.Storage.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Tests;

/// <summary>The compliance suite on a real SQLite file, plus what only the SQLite store promises.</summary>
public sealed partial class SqliteEngineStoreTests : EngineStoreComplianceTests
{
    private readonly TestDatabaseDirectory _directory = new();

    private string DatabasePath => _directory.File("store.db");

    protected override Task<IEngineStore> CreateStoreAsync() => OpenAsync(DatabasePath);

    protected override Task<IEngineStore> OpenSameDatabaseAsync() => OpenAsync(DatabasePath);

    protected override Task CleanupAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<IEngineStore> OpenAsync(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var store = new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = synchronous, ReadConnections = 2 });
        await store.InitializeAsync(Ct);
        return store;
    }

    /// <summary>A raw connection for looking at the file from outside the store.</summary>
    private static SqliteConnection Inspect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
