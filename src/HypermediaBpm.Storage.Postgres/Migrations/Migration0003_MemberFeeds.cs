namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// Member feed positions, as SQLite's migration 18 keeps them (see docs/storage.md): every insert or revision change
/// of an instance or a task appends a row to <c>instance_feed</c> / <c>task_feed</c> at a new position and marks the
/// member's previous row <c>superseded_at</c> that position; a task's participants at each position go to
/// <c>task_feed_participants</c>. Positions are not a sequence's: a sequence hands numbers out at insert time, so a
/// walk pinned to snapshot S could meet S while a smaller position was still uncommitted on another node and then
/// miss that member. The triggers take them from the <c>member_feed_seq</c> counter row, whose lock is held to commit:
/// positions follow commit order across nodes, like history sequences. Existing members get one position each.
/// </summary>
internal static class Migration0003_MemberFeeds
{
    public const string Sql = """
        CREATE TABLE instance_feed (
            seq           bigint NOT NULL PRIMARY KEY,
            instance_id   text COLLATE "C" NOT NULL,
            process_key   text COLLATE "C" NOT NULL,
            superseded_at bigint
        );
        CREATE INDEX ix_instance_feed_position ON instance_feed (superseded_at, seq);
        CREATE INDEX ix_instance_feed_process ON instance_feed (process_key, superseded_at, seq);
        CREATE INDEX ix_instance_feed_member ON instance_feed (instance_id) WHERE superseded_at IS NULL;

        CREATE TABLE task_feed (
            seq           bigint NOT NULL PRIMARY KEY,
            task_id       text COLLATE "C" NOT NULL,
            superseded_at bigint
        );
        CREATE INDEX ix_task_feed_member ON task_feed (task_id, superseded_at);

        CREATE TABLE task_feed_participants (
            participant text COLLATE "C" NOT NULL,
            seq         bigint NOT NULL,
            PRIMARY KEY (participant, seq)
        );
        CREATE INDEX ix_task_feed_participants_seq ON task_feed_participants (seq);

        INSERT INTO instance_feed (seq, instance_id, process_key)
        SELECT row_number() OVER (ORDER BY updated_at, id), id, process_key FROM instances;
        INSERT INTO task_feed (seq, task_id)
        SELECT (SELECT COUNT(*) FROM instances) + row_number() OVER (ORDER BY updated_at, id), id FROM tasks;
        INSERT INTO store_counters (name, n) VALUES ('member_feed_seq', (SELECT COUNT(*) FROM instances) + (SELECT COUNT(*) FROM tasks));

        CREATE FUNCTION hbpm_feed_position() RETURNS bigint LANGUAGE sql VOLATILE AS $$
            UPDATE store_counters SET n = n + 1 WHERE name = 'member_feed_seq' RETURNING n
        $$;

        CREATE FUNCTION hbpm_task_participants(task tasks, pos bigint) RETURNS void LANGUAGE sql VOLATILE AS $$
            INSERT INTO task_feed_participants (participant, seq)
            SELECT p, pos FROM (
                SELECT 'user:' || task.assignee WHERE task.assignee IS NOT NULL
                UNION SELECT 'user:' || u FROM unnest(task.candidate_users) AS u
                UNION SELECT 'group:' || g FROM unnest(task.candidate_groups) AS g) AS x (p)
        $$;
        SELECT hbpm_task_participants(t, f.seq) FROM tasks t JOIN task_feed f ON f.task_id = t.id;

        CREATE FUNCTION hbpm_instances_feed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE pos bigint;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM instance_feed WHERE instance_id = OLD.id;
                RETURN NULL;
            END IF;
            pos := hbpm_feed_position();
            IF TG_OP = 'UPDATE' THEN
                UPDATE instance_feed SET superseded_at = pos WHERE instance_id = NEW.id AND superseded_at IS NULL;
            END IF;
            INSERT INTO instance_feed (seq, instance_id, process_key) VALUES (pos, NEW.id, NEW.process_key);
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_instances_feed_insert AFTER INSERT OR DELETE ON instances FOR EACH ROW EXECUTE FUNCTION hbpm_instances_feed();
        CREATE TRIGGER tr_instances_feed_update AFTER UPDATE OF revision ON instances FOR EACH ROW
            WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION hbpm_instances_feed();

        CREATE FUNCTION hbpm_tasks_feed() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE pos bigint;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM task_feed_participants WHERE seq IN (SELECT seq FROM task_feed WHERE task_id = OLD.id);
                DELETE FROM task_feed WHERE task_id = OLD.id;
                RETURN NULL;
            END IF;
            pos := hbpm_feed_position();
            IF TG_OP = 'UPDATE' THEN
                UPDATE task_feed SET superseded_at = pos WHERE task_id = NEW.id AND superseded_at IS NULL;
            END IF;
            INSERT INTO task_feed (seq, task_id) VALUES (pos, NEW.id);
            PERFORM hbpm_task_participants(NEW, pos);
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_tasks_feed_insert AFTER INSERT OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION hbpm_tasks_feed();
        CREATE TRIGGER tr_tasks_feed_update AFTER UPDATE OF revision ON tasks FOR EACH ROW
            WHEN (OLD.revision IS DISTINCT FROM NEW.revision) EXECUTE FUNCTION hbpm_tasks_feed();
        """;
}
