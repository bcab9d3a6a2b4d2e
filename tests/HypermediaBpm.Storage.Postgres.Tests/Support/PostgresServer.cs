namespace HypermediaBpm.Storage.Postgres.Tests.Support;

/// <summary>The shared cluster's databases, for tests that need nothing but a database (<see cref="PostgresCluster.Shared"/>).</summary>
public static class PostgresServer
{
    public static Task<string> CreateDatabaseAsync(string prefix, string? template = null) => PostgresCluster.Shared.CreateDatabaseAsync(prefix, template);

    public static Task DropDatabaseAsync(string connectionString)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        return PostgresCluster.Shared.DropDatabaseAsync(connectionString);
    }
}
