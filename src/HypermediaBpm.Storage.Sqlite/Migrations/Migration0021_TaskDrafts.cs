namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// The form values saved on a task without completing it (the task's <c>update</c>, a <c>PUT</c>): a JSON object,
/// kept with the task until it is completed, shown again as the values of its forms.
/// </summary>
internal static class Migration0021_TaskDrafts
{
    public const string Sql = """
        ALTER TABLE tasks ADD COLUMN draft_json TEXT;
        """;
}
