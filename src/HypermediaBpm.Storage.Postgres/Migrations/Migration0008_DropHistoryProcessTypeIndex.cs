namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// What SQLite's migration 26 drops: <c>ix_history_process_type</c>, which served the per-process event feeds that
/// became member feeds (issue 14); no query filters history by process and type now, and every appended row paid for it.
/// </summary>
internal static class Migration0008_DropHistoryProcessTypeIndex
{
    public const string Sql = """
        DROP INDEX IF EXISTS ix_history_process_type;
        """;
}
