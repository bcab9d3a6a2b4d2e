using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// Brings a database up to <see cref="PostgresMigrations.All"/> while holding a session-level advisory lock, so that
/// several nodes starting at once migrate once: the first applies every step, the others wait for the lock and then
/// find nothing to do. Each step runs in its own transaction with its <c>schema_version</c> row. Versions may have
/// gaps; a database holding a version this build does not know was changed by a newer build and is refused.
/// </summary>
internal static class PostgresMigrationRunner
{
    /// <summary>The advisory lock key: "HBPMmigr" as a number, so no other application's lock is likely to collide.</summary>
    public const long LockKey = 0x4842504D_6D696772;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    integer NOT NULL PRIMARY KEY,
            name       text    NOT NULL,
            applied_at bigint  NOT NULL
        );
        """;

    /// <summary>Applies what is missing and returns the versions this call applied.</summary>
    public static async Task<IReadOnlyList<int>> RunAsync(NpgsqlConnection connection, IReadOnlyList<PostgresMigration> migrations, TimeProvider clock, CancellationToken cancellationToken)
    {
        await Commands.ExecuteAsync(connection, null, "SELECT pg_advisory_lock($1);", cancellationToken, Param.Long(LockKey)).ConfigureAwait(false);
        try
        {
            await Commands.ExecuteAsync(connection, null, CreateVersionTable, cancellationToken).ConfigureAwait(false);
            var stored = await AppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
            var known = migrations.Select(m => m.Version).ToHashSet();
            if (stored.FirstOrDefault(v => !known.Contains(v)) is var unknown and > 0)
            {
                // A newer build already changed the schema in ways this one does not know; writing would corrupt it.
                throw new InvalidOperationException(
                    $"The database '{connection.Database}' has schema version {unknown}, which this build does not know (it knows up to {(migrations.Count == 0 ? 0 : migrations[^1].Version)}).");
            }

            var applied = new List<int>();
            foreach (var migration in migrations.Where(m => !stored.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await Commands.ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await Commands.ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3);",
                    cancellationToken, Param.Int(migration.Version), Param.Text(migration.Name), Param.Time(clock.GetUtcNow())).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                applied.Add(migration.Version);
            }

            return applied;
        }
        finally
        {
            // Released with the session anyway if this fails (a broken connection ends the session).
            await Commands.ExecuteAsync(connection, null, "SELECT pg_advisory_unlock($1);", CancellationToken.None, Param.Long(LockKey)).ConfigureAwait(false);
        }
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Commands.Create(connection, null, "SELECT version FROM schema_version ORDER BY version;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
