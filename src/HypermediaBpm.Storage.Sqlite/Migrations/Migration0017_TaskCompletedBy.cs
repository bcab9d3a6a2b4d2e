namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Who completed a task: the signed-in user of the <c>complete</c> (an admin may complete a task claimed by someone
/// else, so the assignee does not say it). Tasks completed before have none.
/// </summary>
internal static class Migration0017_TaskCompletedBy
{
    public const string Sql = """
        ALTER TABLE tasks ADD COLUMN completed_by TEXT;
        """;
}
