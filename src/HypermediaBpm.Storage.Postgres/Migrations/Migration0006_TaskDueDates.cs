namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// What SQLite's migration 24 adds: a user task's due time in UTC ticks, indexed on the expression the worklist sorts
/// and filters by (no due date orders after every date).
/// </summary>
internal static class Migration0006_TaskDueDates
{
    public const string Sql = """
        ALTER TABLE tasks ADD COLUMN due_at bigint;
        CREATE INDEX ix_tasks_due ON tasks ((COALESCE(due_at, 9223372036854775807)), id);
        """;
}
