namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Indexes for the Atom feeds, which are windows of the history by sequence: each ends in <c>seq</c> so a
/// feed page is one range seek (per event type) however long the history is. Worklist feeds need the task's
/// participants, which live inside the event's JSON: a trigger copies them into <c>feed_participants</c> as
/// events are appended. It fires only for the two task events (its WHEN clause), so the hot append path of
/// other events pays one comparison per row.
/// </summary>
internal static class Migration0002_Feeds
{
    public const string Sql = """
        CREATE INDEX ix_history_type ON history (type, seq);
        CREATE INDEX ix_history_process_type ON history (process_key, type, seq);

        CREATE TABLE feed_participants (
            participant TEXT    NOT NULL,
            seq         INTEGER NOT NULL,
            PRIMARY KEY (participant, seq)
        ) WITHOUT ROWID;
        CREATE INDEX ix_feed_participants_seq ON feed_participants (seq);

        """ + HistoryTriggers;

    /// <summary>The triggers that keep <c>feed_participants</c>; migration 14 makes them again on the rebuilt <c>history</c>.</summary>
    public const string HistoryTriggers = """
        CREATE TRIGGER tr_history_participants_insert AFTER INSERT ON history
        WHEN NEW.type IN ('task-created', 'task-claimed') AND NEW.data_json IS NOT NULL AND json_valid(NEW.data_json)
        BEGIN
            INSERT OR IGNORE INTO feed_participants (participant, seq)
            SELECT 'user:' || json_extract(NEW.data_json, '$.assignee'), NEW.seq
            WHERE json_extract(NEW.data_json, '$.assignee') IS NOT NULL;
            INSERT OR IGNORE INTO feed_participants (participant, seq)
            SELECT 'user:' || value, NEW.seq FROM json_each(NEW.data_json, '$.candidateUsers');
            INSERT OR IGNORE INTO feed_participants (participant, seq)
            SELECT 'group:' || value, NEW.seq FROM json_each(NEW.data_json, '$.candidateGroups');
        END;

        CREATE TRIGGER tr_history_participants_delete AFTER DELETE ON history
        WHEN OLD.type IN ('task-created', 'task-claimed')
        BEGIN
            DELETE FROM feed_participants WHERE seq = OLD.seq;
        END;
        """;
}
