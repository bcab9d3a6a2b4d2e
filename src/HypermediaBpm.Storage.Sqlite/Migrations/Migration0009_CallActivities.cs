namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Call activities: an instance started by a call activity records where it was called from (the calling
/// instance, the waiting token, the call activity), and the children of an instance are listed by index.
/// The parent is not a foreign key: deleting a process removes its ended instances, which may have called
/// instances of other processes that stay. Numbered 9 so steps added meanwhile on other branches (3 to 8)
/// keep their numbers; the runner applies migrations in version order and gaps are fine.
/// </summary>
internal static class Migration0009_CallActivities
{
    public const string Sql = """
        ALTER TABLE instances ADD COLUMN parent_instance_id TEXT;
        ALTER TABLE instances ADD COLUMN parent_token_id TEXT;
        ALTER TABLE instances ADD COLUMN parent_activity_id TEXT;
        CREATE INDEX ix_instances_parent ON instances (parent_instance_id, id) WHERE parent_instance_id IS NOT NULL;
        """;
}
