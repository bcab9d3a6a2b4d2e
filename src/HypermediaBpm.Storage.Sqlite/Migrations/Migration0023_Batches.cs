namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Batch operations. <c>batches</c> holds one row per batch with its progress (position, done, failed), its first
/// failures as a JSON list (bounded) and its lease; the partial index holds only running batches, so claiming reads just
/// those. <c>batch_instances</c> is the selection frozen at creation: the selected instance ids numbered 0…n-1, so a
/// chunk is a range of the primary key whatever happens to the instances meanwhile.
/// </summary>
internal static class Migration0023_Batches
{
    public const string Sql = """
        CREATE TABLE batches (
            id            TEXT    NOT NULL PRIMARY KEY,
            operation     TEXT    NOT NULL,
            filter_json   TEXT    NOT NULL,
            created_by    TEXT    NOT NULL,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL,
            state         TEXT    NOT NULL,
            total         INTEGER NOT NULL,
            position      INTEGER NOT NULL,
            done          INTEGER NOT NULL,
            failed        INTEGER NOT NULL,
            failures_json TEXT    NOT NULL,
            lease_owner   TEXT,
            lease_until   INTEGER
        );
        CREATE INDEX ix_batches_running ON batches (created_at, id) WHERE state = 'running';

        CREATE TABLE batch_instances (
            batch_id    TEXT    NOT NULL,
            seq         INTEGER NOT NULL,
            instance_id TEXT    NOT NULL,
            PRIMARY KEY (batch_id, seq)
        ) WITHOUT ROWID;
        """;
}
