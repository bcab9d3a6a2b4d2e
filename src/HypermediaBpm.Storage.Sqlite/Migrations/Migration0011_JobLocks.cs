namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// The worker protocol's columns on <c>jobs</c>: who holds a job and until when (<c>lock_owner</c>,
/// <c>lock_expires_at</c>), a failed job's back-off (<c>available_at</c>), the worker's last error and how often it
/// failed. Locking walks <c>ix_jobs_topic (topic, id)</c> and skips held, backed-off and exhausted jobs; a job out of
/// retries (an incident waits) is left out of the index that lock walks.
/// </summary>
internal static class Migration0011_JobLocks
{
    public const string Sql = """
        ALTER TABLE jobs ADD COLUMN lock_owner      TEXT;
        ALTER TABLE jobs ADD COLUMN lock_expires_at INTEGER;
        ALTER TABLE jobs ADD COLUMN available_at    INTEGER;
        ALTER TABLE jobs ADD COLUMN error_message   TEXT;
        ALTER TABLE jobs ADD COLUMN failures        INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_jobs_lockable ON jobs (topic, id) WHERE retries > 0;
        """;
}
