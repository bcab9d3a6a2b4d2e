using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Telemetry;
using HypermediaBpm.Storage.Postgres;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Picks the store from configuration: <c>Storage:Provider</c> = <c>Sqlite</c> (default; <c>Storage:Path</c>,
/// <c>Storage:Synchronous</c>) or <c>Postgres</c> (<c>ConnectionStrings:Postgres</c>; several nodes may share it).
/// </summary>
public static class StorageSelection
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IEngineStore Create(IConfiguration configuration, TimeProvider clock, NodeIdentity node, StoreMetrics? metrics = null)
    {
        var provider = configuration["Storage:Provider"] ?? Sqlite;
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(Postgres);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Storage:Provider is Postgres, but ConnectionStrings:Postgres is not set.");
            }

            return new PostgresEngineStore(new PostgresStoreOptions
            {
                ConnectionString = connectionString,
                NodeId = node.Id,
                Clock = clock,
                MaxBatchSize = configuration.GetValue("Storage:MaxBatchSize", 256),
                Metrics = metrics,
            });
        }

        if (!string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage:Provider must be {Sqlite} or {Postgres}, not '{provider}'.");
        }

        var path = configuration["Storage:Path"] ?? "data/hypermediabpm.db";
        var synchronous = Enum.TryParse<SqliteSynchronous>(configuration["Storage:Synchronous"], true, out var s) ? s : SqliteSynchronous.Full;
        return new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = synchronous, Clock = clock, Metrics = metrics });
    }
}
