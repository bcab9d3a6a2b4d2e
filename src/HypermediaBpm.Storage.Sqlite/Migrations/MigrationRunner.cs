using System.Globalization;
using HypermediaBpm.Storage.Sqlite.Sql;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Brings a database up to <see cref="SchemaMigrations.All"/>. Each migration runs in its own
/// BEGIN IMMEDIATE transaction that first re-reads <c>schema_version</c>: when two processes start on the
/// same file at once, the second waits for the first's write lock and then finds the step already done.
/// </summary>
internal static class MigrationRunner
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at INTEGER NOT NULL
        );
        """;

    /// <summary>Applies what is missing and returns the versions this call applied.</summary>
    public static IReadOnlyList<int> Run(SqliteConnection connection, IReadOnlyList<Migration> migrations, TimeProvider clock)
    {
        InTransaction(connection, () => SqliteConnections.Execute(connection, CreateVersionTable));
        var newest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var stored = CurrentVersion(connection);
        if (stored > newest)
        {
            // A newer build already changed the schema in ways this one does not know; writing would corrupt it.
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' is at schema version {stored}, newer than this build knows ({newest}).");
        }

        var applied = new List<int>();
        foreach (var migration in migrations)
        {
            // By presence, not by "newer than the highest": versions are numbered by line of work (0003 and 0004
            // come from work done side by side), so a database may hold 4 and still miss 3.
            if (IsApplied(connection, migration.Version))
            {
                continue;
            }

            var done = false;
            InTransaction(connection, () =>
            {
                if (IsApplied(connection, migration.Version))
                {
                    return;
                }

                SqliteConnections.Execute(connection, migration.Sql);
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t);";
                insert.Parameters.AddWithValue("$v", migration.Version);
                insert.Parameters.AddWithValue("$n", migration.Name);
                insert.Parameters.AddWithValue("$t", SqliteTime.ToTicks(clock.GetUtcNow()));
                insert.ExecuteNonQuery();
                done = true;
            });
            if (done)
            {
                applied.Add(migration.Version);
            }
        }

        return applied;
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static bool IsApplied(SqliteConnection connection, int version)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $v;";
        command.Parameters.AddWithValue("$v", version);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void InTransaction(SqliteConnection connection, Action work)
    {
        SqliteConnections.Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            work();
            SqliteConnections.Execute(connection, "COMMIT;");
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                SqliteConnections.Execute(connection, "ROLLBACK;");
            }

            throw;
        }
    }
}
