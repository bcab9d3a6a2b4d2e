namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// Batch operations, as SQLite's migration 23 keeps them (see docs/storage.md): one row per batch with its progress, its
/// first failures (JSON) and its lease; the selection frozen at creation as numbered instance ids.
/// </summary>
internal static class Migration0005_Batches
{
    public const string Sql = """
        CREATE TABLE batches (
            id            text COLLATE "C" NOT NULL PRIMARY KEY,
            operation     text    NOT NULL,
            filter_json   text    NOT NULL,
            created_by    text    NOT NULL,
            created_at    bigint  NOT NULL,
            updated_at    bigint  NOT NULL,
            state         text COLLATE "C" NOT NULL,
            total         integer NOT NULL,
            position      integer NOT NULL,
            done          integer NOT NULL,
            failed        integer NOT NULL,
            failures_json text    NOT NULL,
            lease_owner   text,
            lease_until   bigint
        );
        CREATE INDEX ix_batches_running ON batches (created_at, id) WHERE state = 'running';

        CREATE TABLE batch_instances (
            batch_id    text COLLATE "C" NOT NULL,
            seq         integer NOT NULL,
            instance_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (batch_id, seq)
        );
        """;
}
