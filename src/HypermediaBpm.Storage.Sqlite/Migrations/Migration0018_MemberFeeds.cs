namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Positions for the member feeds (docs/feeds.md): every insert or revision change of an instance or a task appends a
/// row to <c>instance_feed</c> / <c>task_feed</c>, whose AUTOINCREMENT sequence is the member's new position, and marks
/// the member's previous row <c>superseded_at</c> that position. The current rows (<c>superseded_at IS NULL</c>) are
/// the feed now, newest first by one index range; the rows superseded after a walk's snapshot say where the members
/// changed since then stood at the snapshot, so a walk meets each member once. Triggers keep the rows, so every write
/// path (today's and later ones) moves members without knowing about feeds. A task's participants at each position are
/// copied to <c>task_feed_participants</c> so a worklist page is a range of one participant's index.
/// Existing members get one position each, in the order of their last change.
/// </summary>
internal static class Migration0018_MemberFeeds
{
    public const string Sql = """
        CREATE TABLE instance_feed (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id   TEXT    NOT NULL,
            process_key   TEXT    NOT NULL,
            superseded_at INTEGER
        );
        INSERT INTO instance_feed (instance_id, process_key) SELECT id, process_key FROM instances ORDER BY updated_at, id;
        CREATE INDEX ix_instance_feed_position ON instance_feed (superseded_at, seq);
        CREATE INDEX ix_instance_feed_process ON instance_feed (process_key, superseded_at, seq);
        CREATE INDEX ix_instance_feed_member ON instance_feed (instance_id, superseded_at);

        CREATE TABLE task_feed (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id       TEXT    NOT NULL,
            superseded_at INTEGER
        );
        CREATE TABLE task_feed_participants (
            participant TEXT    NOT NULL,
            seq         INTEGER NOT NULL,
            PRIMARY KEY (participant, seq)
        ) WITHOUT ROWID;
        CREATE INDEX ix_task_feed_participants_seq ON task_feed_participants (seq);

        -- One statement whose UNION drops duplicates (an assignee who is also a candidate user): the outer statement's
        -- conflict handling (the task upsert's) would override an OR IGNORE written here.
        CREATE TRIGGER tr_task_feed_participants AFTER INSERT ON task_feed
        BEGIN
            INSERT INTO task_feed_participants (participant, seq)
            SELECT participant, NEW.seq FROM (
                SELECT 'user:' || assignee AS participant FROM tasks WHERE id = NEW.task_id AND assignee IS NOT NULL
                UNION SELECT 'user:' || j.value FROM tasks t, json_each(t.candidate_users) j WHERE t.id = NEW.task_id
                UNION SELECT 'group:' || j.value FROM tasks t, json_each(t.candidate_groups) j WHERE t.id = NEW.task_id);
        END;

        INSERT INTO task_feed (task_id) SELECT id FROM tasks ORDER BY updated_at, id;
        CREATE INDEX ix_task_feed_member ON task_feed (task_id, superseded_at);

        CREATE TRIGGER tr_instances_feed_insert AFTER INSERT ON instances
        BEGIN
            INSERT INTO instance_feed (instance_id, process_key) VALUES (NEW.id, NEW.process_key);
        END;

        CREATE TRIGGER tr_instances_feed_update AFTER UPDATE OF revision ON instances
        WHEN NEW.revision IS NOT OLD.revision
        BEGIN
            INSERT INTO instance_feed (instance_id, process_key) VALUES (NEW.id, NEW.process_key);
            UPDATE instance_feed SET superseded_at = last_insert_rowid()
            WHERE instance_id = NEW.id AND superseded_at IS NULL AND seq <> last_insert_rowid();
        END;

        CREATE TRIGGER tr_instances_feed_delete AFTER DELETE ON instances
        BEGIN
            DELETE FROM instance_feed WHERE instance_id = OLD.id;
        END;

        CREATE TRIGGER tr_tasks_feed_insert AFTER INSERT ON tasks
        BEGIN
            INSERT INTO task_feed (task_id) VALUES (NEW.id);
        END;

        CREATE TRIGGER tr_tasks_feed_update AFTER UPDATE OF revision ON tasks
        WHEN NEW.revision IS NOT OLD.revision
        BEGIN
            INSERT INTO task_feed (task_id) VALUES (NEW.id);
            UPDATE task_feed SET superseded_at = last_insert_rowid()
            WHERE task_id = NEW.id AND superseded_at IS NULL AND seq <> last_insert_rowid();
        END;

        CREATE TRIGGER tr_tasks_feed_delete AFTER DELETE ON tasks
        BEGIN
            DELETE FROM task_feed_participants WHERE seq IN (SELECT seq FROM task_feed WHERE task_id = OLD.id);
            DELETE FROM task_feed WHERE task_id = OLD.id;
        END;
        """;
}
