namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Whether a definition version may run: models deployed for documentation only (<c>executable: false</c>) are kept
/// and drawn but never started. Every version deployed before could run.
/// </summary>
internal static class Migration0020_DocumentationDefinitions
{
    public const string Sql = """
        ALTER TABLE definitions ADD COLUMN executable INTEGER NOT NULL DEFAULT 1;
        """;
}
