namespace HypermediaBpm.Storage.Postgres.Tests.Support;

/// <summary>
/// A database migrated once per test run, used as the template of each test's own database: CREATE DATABASE … TEMPLATE
/// copies it in a fraction of what running the migrations again would take. Tests of migration itself use empty databases.
/// </summary>
public static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Created = new(CreateAsync);

    /// <summary>A new database with the current schema, on its own; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix) => await PostgresServer.CreateDatabaseAsync(prefix, await Created.Value);

    private static async Task<string> CreateAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("hbpm_template");
        await using (var store = new PostgresEngineStore(new PostgresStoreOptions { ConnectionString = connectionString }))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        // A template may have no open connections while it is copied.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
    }
}
