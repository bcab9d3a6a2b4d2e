namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// What SQLite's migrations 20 and 21 added: whether a definition version may run (models deployed for documentation
/// only, <c>executable: false</c>, are kept and drawn but never started; every version deployed before could run), and
/// the form values saved on a task without completing it (a JSON object kept with the task until it is completed).
/// </summary>
internal static class Migration0002_DefinitionsExecutableTaskDrafts
{
    public const string Sql = """
        ALTER TABLE definitions ADD COLUMN executable boolean NOT NULL DEFAULT true;
        ALTER TABLE tasks ADD COLUMN draft_json text;
        """;
}
