namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Two costs every history row paid on the single writer, for nothing the server reads any more (issue 18):
/// <list type="bullet">
/// <item><c>ix_history_process_type</c> (process key, type, seq) served the per-process event feeds, which became
/// member feeds of instances (issue 14); no query of the server filters history by process and type now. It was the
/// widest of the history's indexes.</item>
/// <item>The participant trigger ran its sub-program for every appended row to find the few task events; the writer
/// now adds those rows itself (<c>CommitChangeSetOperation.IndexParticipants</c>), as the PostgreSQL store always did.
/// The delete trigger stays (deletes are rare: retention and process deletion).</item>
/// <item><c>ix_history_type</c> (type, seq) made partial: without the activity events (<c>activity-started</c>,
/// <c>-passed</c>, <c>-completed</c>, <c>-cancelled</c>), which are most rows and which no feed of the server asks for by
/// type (the incidents feed does, for a rare type). A query by type states the index's condition to use it
/// (<c>QueryFeedAsync</c>); a query for an activity type walks the sequence.</item>
/// </list>
/// </summary>
internal static class Migration0026_LeanHistoryAppend
{
    public const string Sql = """
        DROP INDEX IF EXISTS ix_history_process_type;
        DROP TRIGGER IF EXISTS tr_history_participants_insert;
        DROP INDEX IF EXISTS ix_history_type;
        CREATE INDEX ix_history_type ON history (type, seq) WHERE type NOT LIKE 'activity-%';
        """;
}
