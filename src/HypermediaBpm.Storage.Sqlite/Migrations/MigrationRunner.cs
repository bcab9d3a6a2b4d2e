using System.Globalization;
using HypermediaBpm.Storage.Sqlite.Sql;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Brings a database up to <see cref="SchemaMigrations.All"/>. Each migration runs in its own
/// BEGIN IMMEDIATE transaction that first re-reads <c>schema_version</c>: when two processes start on the
/// same file at once, the second waits for the first's write lock and then finds the step already done.
/// Versions may have gaps (branches number their steps apart), so every missing version is applied, not only
/// those above the highest applied one: a database migrated to 9 still gets a 3 merged in later. A database
/// holding a version this build does not know was changed by a newer build and is refused.
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
        var stored = AppliedVersions(connection);
        var known = migrations.Select(m => m.Version).ToHashSet();
        if (stored.FirstOrDefault(v => !known.Contains(v)) is var unknown and > 0)
        {
            // A newer build already changed the schema in ways this one does not know; writing would corrupt it.
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {unknown}, which this build does not know (it knows up to {newest}).");
        }

        var applied = new List<int>();
        foreach (var migration in migrations)
        {
            if (stored.Contains(migration.Version))
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

    private static HashSet<int> AppliedVersions(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version;";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
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
