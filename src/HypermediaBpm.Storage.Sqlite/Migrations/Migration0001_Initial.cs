namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// The first schema. Timestamps are INTEGER UTC ticks. List totals come from counters, never from COUNT(*)
/// over a large table. The hot, append-only paths (instance inserts, history appends) are counted by the
/// writer once per batch, because a trigger per row costs more than the row; every other change to a
/// counted column (a state change, a task upsert, a delete) is counted by a trigger. Decrements are upserts
/// so that they commute with the writer's batched increments inside one transaction.
/// </summary>
internal static class Migration0001_Initial
{
    public const string Sql = """
        CREATE TABLE definitions (
            id          TEXT    NOT NULL PRIMARY KEY,
            key         TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            name        TEXT    NOT NULL,
            bpmn_xml    TEXT    NOT NULL,
            description TEXT,
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL,
            UNIQUE (key, version)
        );

        CREATE TABLE instances (
            id              TEXT    NOT NULL PRIMARY KEY,
            definition_id   TEXT    NOT NULL,
            process_key     TEXT    NOT NULL,
            process_version INTEGER NOT NULL,
            business_key    TEXT,
            state           TEXT    NOT NULL,
            revision        INTEGER NOT NULL,
            started_at      INTEGER NOT NULL,
            ended_at        INTEGER,
            updated_at      INTEGER NOT NULL,
            state_json      TEXT    NOT NULL
        );
        CREATE INDEX ix_instances_state ON instances (state, id);
        CREATE INDEX ix_instances_process ON instances (process_key, id);
        CREATE INDEX ix_instances_process_state ON instances (process_key, state, id);
        CREATE INDEX ix_instances_business_key ON instances (business_key, id) WHERE business_key IS NOT NULL;

        CREATE TABLE tasks (
            id               TEXT    NOT NULL PRIMARY KEY,
            instance_id      TEXT    NOT NULL REFERENCES instances (id),
            token_id         TEXT    NOT NULL,
            definition_id    TEXT    NOT NULL,
            process_key      TEXT    NOT NULL,
            activity_id      TEXT    NOT NULL,
            name             TEXT    NOT NULL,
            state            TEXT    NOT NULL,
            assignee         TEXT,
            candidate_users  TEXT    NOT NULL,
            candidate_groups TEXT    NOT NULL,
            revision         INTEGER NOT NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            completed_at     INTEGER
        );
        CREATE INDEX ix_tasks_state ON tasks (state, id);
        CREATE INDEX ix_tasks_process ON tasks (process_key, id);
        CREATE INDEX ix_tasks_assignee ON tasks (assignee, id) WHERE assignee IS NOT NULL;
        CREATE INDEX ix_tasks_instance ON tasks (instance_id, id);

        CREATE TABLE task_candidate_groups (
            group_name TEXT NOT NULL,
            task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
            PRIMARY KEY (group_name, task_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_task_candidate_groups_task ON task_candidate_groups (task_id);

        CREATE TABLE history (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id   TEXT    NOT NULL REFERENCES instances (id),
            process_key   TEXT    NOT NULL,
            type          TEXT    NOT NULL,
            activity_id   TEXT,
            activity_name TEXT,
            element_id    TEXT,
            user_name     TEXT,
            occurred_at   INTEGER NOT NULL,
            data_json     TEXT
        );
        CREATE INDEX ix_history_instance ON history (instance_id, seq);

        CREATE TABLE idempotency (
            key          TEXT    NOT NULL PRIMARY KEY,
            request_hash TEXT    NOT NULL,
            status_code  INTEGER NOT NULL,
            location     TEXT,
            created_at   INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE instance_counts (
            process_key TEXT    NOT NULL,
            state       TEXT    NOT NULL,
            n           INTEGER NOT NULL,
            PRIMARY KEY (process_key, state)
        ) WITHOUT ROWID;

        CREATE TABLE task_counts (
            process_key TEXT    NOT NULL,
            state       TEXT    NOT NULL,
            n           INTEGER NOT NULL,
            PRIMARY KEY (process_key, state)
        ) WITHOUT ROWID;

        CREATE TABLE store_counters (
            name TEXT    NOT NULL PRIMARY KEY,
            n    INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO store_counters (name, n) VALUES ('history', 0);

        CREATE TRIGGER tr_instances_count_update AFTER UPDATE OF process_key, state ON instances
        WHEN OLD.process_key IS NOT NEW.process_key OR OLD.state IS NOT NEW.state
        BEGIN
            INSERT INTO instance_counts (process_key, state, n) VALUES (OLD.process_key, OLD.state, -1)
            ON CONFLICT (process_key, state) DO UPDATE SET n = n - 1;
            INSERT INTO instance_counts (process_key, state, n) VALUES (NEW.process_key, NEW.state, 1)
            ON CONFLICT (process_key, state) DO UPDATE SET n = n + 1;
        END;

        CREATE TRIGGER tr_instances_count_delete AFTER DELETE ON instances
        BEGIN
            INSERT INTO instance_counts (process_key, state, n) VALUES (OLD.process_key, OLD.state, -1)
            ON CONFLICT (process_key, state) DO UPDATE SET n = n - 1;
        END;

        CREATE TRIGGER tr_tasks_count_insert AFTER INSERT ON tasks
        BEGIN
            INSERT INTO task_counts (process_key, state, n) VALUES (NEW.process_key, NEW.state, 1)
            ON CONFLICT (process_key, state) DO UPDATE SET n = n + 1;
        END;

        CREATE TRIGGER tr_tasks_count_update AFTER UPDATE OF process_key, state ON tasks
        WHEN OLD.process_key IS NOT NEW.process_key OR OLD.state IS NOT NEW.state
        BEGIN
            UPDATE task_counts SET n = n - 1 WHERE process_key = OLD.process_key AND state = OLD.state;
            INSERT INTO task_counts (process_key, state, n) VALUES (NEW.process_key, NEW.state, 1)
            ON CONFLICT (process_key, state) DO UPDATE SET n = n + 1;
        END;

        CREATE TRIGGER tr_tasks_count_delete AFTER DELETE ON tasks
        BEGIN
            UPDATE task_counts SET n = n - 1 WHERE process_key = OLD.process_key AND state = OLD.state;
        END;

        CREATE TRIGGER tr_tasks_groups_insert AFTER INSERT ON tasks
        WHEN NEW.candidate_groups <> '[]'
        BEGIN
            INSERT OR IGNORE INTO task_candidate_groups (group_name, task_id)
            SELECT value, NEW.id FROM json_each(NEW.candidate_groups);
        END;

        CREATE TRIGGER tr_tasks_groups_update AFTER UPDATE OF candidate_groups ON tasks
        WHEN OLD.candidate_groups IS NOT NEW.candidate_groups
        BEGIN
            DELETE FROM task_candidate_groups WHERE task_id = OLD.id;
            INSERT OR IGNORE INTO task_candidate_groups (group_name, task_id)
            SELECT value, NEW.id FROM json_each(NEW.candidate_groups);
        END;
        """;
}
