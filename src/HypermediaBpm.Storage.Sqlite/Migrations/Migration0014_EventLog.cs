namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// <c>history</c> becomes the store's event log rather than only the instances' audit trail: a reservation's events
/// (reserved, confirmed, cancelled, expired) are rows of it too, with the reservation's id where an instance's would be,
/// so they are entries of the process feed like an instance's start. SQLite cannot drop a foreign key, so the table is
/// rebuilt without <c>REFERENCES instances</c>: rows, sequence numbers and the AUTOINCREMENT high-water mark (numbers of
/// deleted rows are never reused, which keeps feed archives stable) carried over, then its indexes and triggers made
/// again as migrations 1 and 2 made them.
/// </summary>
internal static class Migration0014_EventLog
{
    public const string Sql = """
        CREATE TABLE history_log (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id   TEXT    NOT NULL,
            process_key   TEXT    NOT NULL,
            type          TEXT    NOT NULL,
            activity_id   TEXT,
            activity_name TEXT,
            element_id    TEXT,
            user_name     TEXT,
            occurred_at   INTEGER NOT NULL,
            data_json     TEXT
        );
        INSERT INTO history_log (seq, instance_id, process_key, type, activity_id, activity_name, element_id, user_name, occurred_at, data_json)
        SELECT seq, instance_id, process_key, type, activity_id, activity_name, element_id, user_name, occurred_at, data_json FROM history;
        DELETE FROM sqlite_sequence WHERE name = 'history_log';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'history_log', seq FROM sqlite_sequence WHERE name = 'history';
        DROP TABLE history;
        ALTER TABLE history_log RENAME TO history;

        CREATE INDEX ix_history_instance ON history (instance_id, seq);
        CREATE INDEX ix_history_type ON history (type, seq);
        CREATE INDEX ix_history_process_type ON history (process_key, type, seq);
        """ + Migration0002_Feeds.HistoryTriggers;
}
