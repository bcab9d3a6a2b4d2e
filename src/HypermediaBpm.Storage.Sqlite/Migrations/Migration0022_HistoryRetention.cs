namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// History retention (docs/operations.md): a version's own time to live (<c>camunda:historyTimeToLive</c>, ticks; NULL
/// follows the server default), ended instances by version and end time so a cleanup batch is one index range per
/// version, and named leases so one process at a time runs a background duty such as the cleanup.
/// </summary>
internal static class Migration0022_HistoryRetention
{
    public const string Sql = """
        ALTER TABLE definitions ADD COLUMN history_ttl INTEGER;
        CREATE INDEX ix_instances_ended ON instances (definition_id, ended_at) WHERE ended_at IS NOT NULL;
        CREATE TABLE leases (
            name  TEXT    NOT NULL PRIMARY KEY,
            owner TEXT    NOT NULL,
            until INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
