namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// A user task's due time (<c>camunda:dueDate</c>, evaluated when the task is created), in UTC ticks like every time.
/// The index is on the expression the worklist sorts and filters by, so tasks without a due date (null) order after
/// every date and a "due before" filter or a sort by due date is one index seek.
/// </summary>
internal static class Migration0024_TaskDueDates
{
    public const string Sql = """
        ALTER TABLE tasks ADD COLUMN due_at INTEGER;
        CREATE INDEX ix_tasks_due ON tasks (COALESCE(due_at, 9223372036854775807), id);
        """;
}
