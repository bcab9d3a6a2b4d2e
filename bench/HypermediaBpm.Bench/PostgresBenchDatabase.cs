using Npgsql;

namespace HypermediaBpm.Bench;

/// <summary>
/// A fresh database for one bench run on the PostgreSQL server a connection string names, so every run starts from
/// an empty, just-migrated schema as the SQLite runs start from a new file; dropped when the run ends.
/// </summary>
public sealed class PostgresBenchDatabase
{
    private readonly string _admin;

    private PostgresBenchDatabase(string admin, string connectionString)
    {
        _admin = admin;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresBenchDatabase> CreateAsync(string admin)
    {
        if (admin.Length == 0)
        {
            throw new ArgumentException("--store postgres needs --connection \"Host=127.0.0.1;Port=…;Username=…;Database=postgres\".");
        }

        var name = "hbpm_bench_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresBenchDatabase(admin, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    public async Task DropAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
