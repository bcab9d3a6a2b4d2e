namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// The schema SQLite reached by its migration 17, in PostgreSQL's types. Timestamps stay <c>bigint</c> UTC ticks, not
/// <c>timestamptz</c>: the engine's instants are exact to 100 ns and <c>timestamptz</c> keeps microseconds, so a value
/// would not come back as it was written. Keys, ids and names that lists are ordered by are <c>COLLATE "C"</c>: byte
/// order, as SQLite compares, whatever the database's locale, so keyset pages and ordinal sorts agree. Candidate users
/// and groups are <c>text[]</c>; BPMN sources <c>bytea</c>. Instance state and event data stay <c>text</c>: the store
/// never looks inside them, and <c>jsonb</c> would reorder what it is given. History sequences are assigned by the
/// writer from <c>store_counters</c> under that row's lock (see docs/storage.md), so a sequence seen is a sequence
/// committed; <c>node_id</c> says which server node wrote an event (a timer's firing included). Counters are striped by
/// node (<c>stripe</c>, from the transaction's <c>hypermediabpm.stripe</c> setting): each node changes only its own rows,
/// so two nodes' batches never wait for each other on a counter; totals are sums over the stripes.
/// </summary>
internal static class Migration0001_Initial
{
    public const string Sql = """
        CREATE TABLE definitions (
            id          text COLLATE "C" NOT NULL PRIMARY KEY,
            key         text COLLATE "C" NOT NULL,
            version     integer NOT NULL,
            name        text    NOT NULL,
            description text,
            created_at  bigint  NOT NULL,
            updated_at  bigint  NOT NULL,
            UNIQUE (key, version)
        );

        CREATE TABLE definition_sources (
            definition_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES definitions (id) ON DELETE CASCADE,
            source        bytea NOT NULL
        );

        CREATE TABLE instances (
            id                 text COLLATE "C" NOT NULL PRIMARY KEY,
            definition_id      text COLLATE "C" NOT NULL,
            process_key        text COLLATE "C" NOT NULL,
            process_version    integer NOT NULL,
            business_key       text COLLATE "C",
            state              text COLLATE "C" NOT NULL,
            revision           bigint  NOT NULL,
            started_at         bigint  NOT NULL,
            ended_at           bigint,
            updated_at         bigint  NOT NULL,
            state_json         text    NOT NULL,
            parent_instance_id text COLLATE "C",
            parent_token_id    text,
            parent_activity_id text
        );
        CREATE INDEX ix_instances_state ON instances (state, id);
        CREATE INDEX ix_instances_process ON instances (process_key, id);
        CREATE INDEX ix_instances_process_state ON instances (process_key, state, id);
        CREATE INDEX ix_instances_business_key ON instances (business_key, id) WHERE business_key IS NOT NULL;
        CREATE INDEX ix_instances_parent ON instances (parent_instance_id, id) WHERE parent_instance_id IS NOT NULL;

        CREATE TABLE tasks (
            id               text COLLATE "C" NOT NULL PRIMARY KEY,
            instance_id      text COLLATE "C" NOT NULL REFERENCES instances (id),
            token_id         text    NOT NULL,
            definition_id    text    NOT NULL,
            process_key      text COLLATE "C" NOT NULL,
            activity_id      text    NOT NULL,
            name             text    NOT NULL,
            state            text COLLATE "C" NOT NULL,
            assignee         text COLLATE "C",
            candidate_users  text[]  NOT NULL,
            candidate_groups text[]  NOT NULL,
            revision         bigint  NOT NULL,
            created_at       bigint  NOT NULL,
            updated_at       bigint  NOT NULL,
            completed_at     bigint,
            completed_by     text
        );
        CREATE INDEX ix_tasks_state ON tasks (state, id);
        CREATE INDEX ix_tasks_process ON tasks (process_key, id);
        CREATE INDEX ix_tasks_assignee ON tasks (assignee, id) WHERE assignee IS NOT NULL;
        CREATE INDEX ix_tasks_instance ON tasks (instance_id, id);

        CREATE TABLE task_candidate_groups (
            group_name text COLLATE "C" NOT NULL,
            task_id    text COLLATE "C" NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
            PRIMARY KEY (group_name, task_id)
        );
        CREATE INDEX ix_task_candidate_groups_task ON task_candidate_groups (task_id);

        CREATE TABLE history (
            seq           bigint  NOT NULL PRIMARY KEY,
            instance_id   text COLLATE "C" NOT NULL,
            process_key   text COLLATE "C" NOT NULL,
            type          text COLLATE "C" NOT NULL,
            activity_id   text,
            activity_name text,
            element_id    text,
            user_name     text COLLATE "C",
            occurred_at   bigint  NOT NULL,
            data_json     text,
            node_id       text
        );
        CREATE INDEX ix_history_instance ON history (instance_id, seq);
        CREATE INDEX ix_history_type ON history (type, seq);
        CREATE INDEX ix_history_process_type ON history (process_key, type, seq);

        CREATE TABLE feed_participants (
            participant text COLLATE "C" NOT NULL,
            seq         bigint NOT NULL REFERENCES history (seq) ON DELETE CASCADE,
            PRIMARY KEY (participant, seq)
        );
        CREATE INDEX ix_feed_participants_seq ON feed_participants (seq);

        CREATE TABLE idempotency (
            key          text COLLATE "C" NOT NULL PRIMARY KEY,
            request_hash text    NOT NULL,
            status_code  integer NOT NULL,
            location     text,
            created_at   bigint  NOT NULL
        );

        CREATE TABLE instance_counts (
            process_key text COLLATE "C" NOT NULL,
            state       text COLLATE "C" NOT NULL,
            stripe      text COLLATE "C" NOT NULL DEFAULT '',
            n           bigint NOT NULL,
            PRIMARY KEY (process_key, state, stripe)
        );

        CREATE TABLE task_counts (
            process_key text COLLATE "C" NOT NULL,
            state       text COLLATE "C" NOT NULL,
            stripe      text COLLATE "C" NOT NULL DEFAULT '',
            n           bigint NOT NULL,
            PRIMARY KEY (process_key, state, stripe)
        );

        CREATE TABLE store_counters (
            name text COLLATE "C" NOT NULL PRIMARY KEY,
            n    bigint NOT NULL
        );
        INSERT INTO store_counters (name, n) VALUES ('history', 0), ('history_seq', 0);

        CREATE FUNCTION hbpm_stripe() RETURNS text LANGUAGE sql STABLE AS $$
            SELECT COALESCE(current_setting('hypermediabpm.stripe', true), '')
        $$;

        CREATE FUNCTION hbpm_instances_count() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO instance_counts (process_key, state, stripe, n) VALUES (OLD.process_key, OLD.state, hbpm_stripe(), -1)
            ON CONFLICT (process_key, state, stripe) DO UPDATE SET n = instance_counts.n - 1;
            IF TG_OP = 'UPDATE' THEN
                INSERT INTO instance_counts (process_key, state, stripe, n) VALUES (NEW.process_key, NEW.state, hbpm_stripe(), 1)
                ON CONFLICT (process_key, state, stripe) DO UPDATE SET n = instance_counts.n + 1;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_instances_count_update AFTER UPDATE OF process_key, state ON instances FOR EACH ROW
            WHEN (OLD.process_key IS DISTINCT FROM NEW.process_key OR OLD.state IS DISTINCT FROM NEW.state)
            EXECUTE FUNCTION hbpm_instances_count();
        CREATE TRIGGER tr_instances_count_delete AFTER DELETE ON instances FOR EACH ROW EXECUTE FUNCTION hbpm_instances_count();

        CREATE FUNCTION hbpm_tasks_count() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                INSERT INTO task_counts (process_key, state, stripe, n) VALUES (OLD.process_key, OLD.state, hbpm_stripe(), -1)
                ON CONFLICT (process_key, state, stripe) DO UPDATE SET n = task_counts.n - 1;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO task_counts (process_key, state, stripe, n) VALUES (NEW.process_key, NEW.state, hbpm_stripe(), 1)
                ON CONFLICT (process_key, state, stripe) DO UPDATE SET n = task_counts.n + 1;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_tasks_count_insert AFTER INSERT OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION hbpm_tasks_count();
        CREATE TRIGGER tr_tasks_count_update AFTER UPDATE OF process_key, state ON tasks FOR EACH ROW
            WHEN (OLD.process_key IS DISTINCT FROM NEW.process_key OR OLD.state IS DISTINCT FROM NEW.state)
            EXECUTE FUNCTION hbpm_tasks_count();

        CREATE FUNCTION hbpm_tasks_groups() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                DELETE FROM task_candidate_groups WHERE task_id = OLD.id;
            END IF;
            INSERT INTO task_candidate_groups (group_name, task_id)
            SELECT DISTINCT g, NEW.id FROM unnest(NEW.candidate_groups) AS g ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_tasks_groups_insert AFTER INSERT ON tasks FOR EACH ROW
            WHEN (cardinality(NEW.candidate_groups) > 0) EXECUTE FUNCTION hbpm_tasks_groups();
        CREATE TRIGGER tr_tasks_groups_update AFTER UPDATE OF candidate_groups ON tasks FOR EACH ROW
            WHEN (OLD.candidate_groups IS DISTINCT FROM NEW.candidate_groups) EXECUTE FUNCTION hbpm_tasks_groups();

        CREATE TABLE subscriptions (
            id              text COLLATE "C" NOT NULL PRIMARY KEY,
            kind            text COLLATE "C" NOT NULL,
            name            text COLLATE "C",
            correlation_key text COLLATE "C",
            due_at          bigint,
            cycle           text,
            repeats_left    integer NOT NULL DEFAULT 0,
            instance_id     text COLLATE "C" REFERENCES instances (id) ON DELETE CASCADE,
            token_id        text COLLATE "C",
            activity_id     text COLLATE "C" NOT NULL,
            definition_id   text    NOT NULL,
            process_key     text COLLATE "C" NOT NULL,
            created_at      bigint  NOT NULL,
            lease_owner     text,
            lease_until     bigint
        );
        CREATE INDEX ix_subscriptions_due ON subscriptions (due_at) WHERE due_at IS NOT NULL;
        CREATE INDEX ix_subscriptions_name ON subscriptions (kind, name, correlation_key, id) WHERE name IS NOT NULL;
        CREATE INDEX ix_subscriptions_instance ON subscriptions (instance_id, token_id) WHERE instance_id IS NOT NULL;
        CREATE INDEX ix_subscriptions_start ON subscriptions (process_key) WHERE instance_id IS NULL;

        CREATE TABLE jobs (
            id              text COLLATE "C" NOT NULL PRIMARY KEY,
            topic           text COLLATE "C" NOT NULL,
            instance_id     text COLLATE "C" NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            token_id        text    NOT NULL,
            activity_id     text    NOT NULL,
            definition_id   text    NOT NULL,
            process_key     text    NOT NULL,
            retries         integer NOT NULL,
            created_at      bigint  NOT NULL,
            lock_owner      text,
            lock_expires_at bigint,
            available_at    bigint,
            error_message   text,
            failures        integer NOT NULL DEFAULT 0,
            payload         text
        );
        CREATE INDEX ix_jobs_topic ON jobs (topic, id);
        CREATE INDEX ix_jobs_instance ON jobs (instance_id);
        CREATE INDEX ix_jobs_lockable ON jobs (topic, id) WHERE retries > 0;

        CREATE TABLE buffered_messages (
            id              text COLLATE "C" NOT NULL PRIMARY KEY,
            name            text COLLATE "C" NOT NULL,
            correlation_key text COLLATE "C",
            variables_json  text    NOT NULL,
            created_at      bigint  NOT NULL,
            expires_at      bigint  NOT NULL
        );
        CREATE INDEX ix_buffered_messages_name ON buffered_messages (name, correlation_key, expires_at);

        CREATE TABLE participants (
            key            text COLLATE "C" NOT NULL PRIMARY KEY,
            kind           text COLLATE "C" NOT NULL,
            id             text COLLATE "C" NOT NULL,
            name           text,
            created_at     bigint  NOT NULL,
            password_hash  text,
            disabled       boolean NOT NULL DEFAULT false,
            security_stamp text
        );

        CREATE TABLE group_members (
            user_id  text COLLATE "C" NOT NULL,
            group_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (user_id, group_id)
        );
        CREATE INDEX group_members_by_group ON group_members (group_id, user_id);

        CREATE TABLE api_tokens (
            id           text COLLATE "C" NOT NULL PRIMARY KEY,
            user_id      text COLLATE "C" NOT NULL,
            name         text    NOT NULL,
            secret_hash  text    NOT NULL UNIQUE,
            created_at   bigint  NOT NULL,
            expires_at   bigint  NOT NULL,
            last_used_at bigint,
            revoked_at   bigint
        );
        CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);

        CREATE TABLE reservations (
            id              text COLLATE "C" NOT NULL PRIMARY KEY,
            definition_id   text    NOT NULL,
            process_key     text COLLATE "C" NOT NULL,
            process_version integer NOT NULL,
            business_key    text,
            variables_json  text    NOT NULL,
            state           text COLLATE "C" NOT NULL,
            created_at      bigint  NOT NULL,
            expires_at      bigint  NOT NULL,
            updated_at      bigint  NOT NULL,
            instance_id     text
        );
        CREATE INDEX ix_reservations_process ON reservations (process_key, id);
        CREATE INDEX ix_reservations_expiry ON reservations (expires_at) WHERE state = 'reserved';

        CREATE TABLE tcc_transactions (
            id                text COLLATE "C" NOT NULL PRIMARY KEY,
            operation         text    NOT NULL,
            state             text COLLATE "C" NOT NULL,
            created_at        bigint  NOT NULL,
            updated_at        bigint  NOT NULL,
            participants_json text    NOT NULL,
            steps_json        text    NOT NULL,
            instance_id       text
        );
        CREATE INDEX ix_tcc_transactions_state ON tcc_transactions (state, id);

        CREATE FUNCTION hbpm_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('hypermediabpm_jobs', NEW.topic);
            RETURN NULL;
        END $$;
        CREATE TRIGGER tr_jobs_notify AFTER INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION hbpm_jobs_notify();
        """;
}
