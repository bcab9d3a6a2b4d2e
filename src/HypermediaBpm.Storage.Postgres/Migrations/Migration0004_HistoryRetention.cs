namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// What SQLite's migration 22 added for history retention: a version's own time to live (<c>camunda:historyTimeToLive</c>,
/// ticks; NULL follows the server default), ended instances by version and end time so a cleanup batch is one index
/// range per version, and named leases so one node at a time runs a background duty such as the cleanup.
/// </summary>
internal static class Migration0004_HistoryRetention
{
    public const string Sql = """
        ALTER TABLE definitions ADD COLUMN history_ttl bigint;
        CREATE INDEX ix_instances_ended ON instances (definition_id, ended_at) WHERE ended_at IS NOT NULL;
        CREATE TABLE leases (
            name  text COLLATE "C" NOT NULL PRIMARY KEY,
            owner text   NOT NULL,
            until bigint NOT NULL
        );
        """;
}
