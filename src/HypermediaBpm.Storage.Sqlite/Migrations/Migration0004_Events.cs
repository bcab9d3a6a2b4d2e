namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// What processes wait for from outside. <c>subscriptions</c> holds timers, message and signal
/// subscriptions (of an instance's token, or of a start event when <c>instance_id</c> is NULL); the scheduler
/// finds due timers by the partial index on <c>due_at</c>, correlation walks <c>(kind, name, correlation_key)</c>.
/// <c>jobs</c> is work for external workers by topic; <c>buffered_messages</c> keeps messages sent with a time
/// to live until a subscriber opens. Instance rows cascade to their subscriptions and jobs. Numbered 0004
/// because 0003 belongs to call activities.
/// </summary>
internal static class Migration0004_Events
{
    public const string Sql = """
        CREATE TABLE subscriptions (
            id              TEXT    NOT NULL PRIMARY KEY,
            kind            TEXT    NOT NULL,
            name            TEXT,
            correlation_key TEXT,
            due_at          INTEGER,
            cycle           TEXT,
            repeats_left    INTEGER NOT NULL DEFAULT 0,
            instance_id     TEXT    REFERENCES instances (id) ON DELETE CASCADE,
            token_id        TEXT,
            activity_id     TEXT    NOT NULL,
            definition_id   TEXT    NOT NULL,
            process_key     TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            lease_owner     TEXT,
            lease_until     INTEGER
        );
        CREATE INDEX ix_subscriptions_due ON subscriptions (due_at) WHERE due_at IS NOT NULL;
        CREATE INDEX ix_subscriptions_name ON subscriptions (kind, name, correlation_key, id) WHERE name IS NOT NULL;
        CREATE INDEX ix_subscriptions_instance ON subscriptions (instance_id, token_id) WHERE instance_id IS NOT NULL;
        CREATE INDEX ix_subscriptions_start ON subscriptions (process_key) WHERE instance_id IS NULL;

        CREATE TABLE jobs (
            id            TEXT    NOT NULL PRIMARY KEY,
            topic         TEXT    NOT NULL,
            instance_id   TEXT    NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
            token_id      TEXT    NOT NULL,
            activity_id   TEXT    NOT NULL,
            definition_id TEXT    NOT NULL,
            process_key   TEXT    NOT NULL,
            retries       INTEGER NOT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE INDEX ix_jobs_topic ON jobs (topic, id);
        CREATE INDEX ix_jobs_instance ON jobs (instance_id);

        CREATE TABLE buffered_messages (
            id              TEXT    NOT NULL PRIMARY KEY,
            name            TEXT    NOT NULL,
            correlation_key TEXT,
            variables_json  TEXT    NOT NULL,
            created_at      INTEGER NOT NULL,
            expires_at      INTEGER NOT NULL
        );
        CREATE INDEX ix_buffered_messages_name ON buffered_messages (name, correlation_key, expires_at);

        """;
}
