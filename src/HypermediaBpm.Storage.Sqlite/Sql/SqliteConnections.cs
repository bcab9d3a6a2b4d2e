using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Sql;

/// <summary>
/// Opens the store's connections. Microsoft.Data.Sqlite pooling is off: the store keeps its own writer and
/// read connections open, sets their pragmas once, and closes every file handle on dispose.
/// </summary>
internal sealed class SqliteConnections(string path, SqliteSynchronous synchronous)
{
    /// <summary>How long SQLite waits for another process's lock before it reports SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private readonly string _readWriteCreate = Build(path, SqliteOpenMode.ReadWriteCreate);
    private readonly string _readWrite = Build(path, SqliteOpenMode.ReadWrite);

    public string Path { get; } = path;

    /// <summary>The single writer connection of this store object.</summary>
    public SqliteConnection OpenWriter()
    {
        var connection = Open(_readWriteCreate);
        try
        {
            EnsureWal(connection);
            var sync = synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
            // journal_size_limit: after a burst the WAL is truncated back to 64 MB at the next checkpoint instead of keeping its peak size.
            Execute(connection, $"PRAGMA synchronous = {sync}; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A reader: never creates the file and refuses writes, so a bug cannot write around the writer.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = Open(_readWrite);
        try
        {
            Execute(connection, "PRAGMA query_only = ON; PRAGMA cache_size = -8192;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A fresh connection that does not create a missing file (health checks).</summary>
    public SqliteConnection OpenProbe() => Open(_readWrite);

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// WAL is a property of the file, so this is a no-op once any process has set it. Switching needs a
    /// moment without other connections; when another process holds the file during its own first open we
    /// retry rather than run in rollback-journal mode.
    /// </summary>
    private static void EnsureWal(SqliteConnection connection)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (attempt >= 50)
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for '{connection.DataSource}' (journal_mode is '{mode}').");
            }

            Thread.Sleep(100);
        }
    }

    private static string Build(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Cache = SqliteCacheMode.Private,
        Pooling = false,
    }.ToString();
}
