namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// One index per sort the lists offer, each ending in the id (the tie breaker of the keyset): instances by start time
/// and business key (none sorts as the empty string), tasks by creation time and name. Instances by state and tasks by
/// due date already have theirs (<c>ix_instances_state</c>, <c>ix_tasks_due</c>).
/// </summary>
internal static class Migration0025_ListSortIndexes
{
    public const string Sql = """
        CREATE INDEX ix_instances_started ON instances (started_at, id);
        CREATE INDEX ix_instances_business_key_sort ON instances (COALESCE(business_key, ''), id);
        CREATE INDEX ix_tasks_created ON tasks (created_at, id);
        CREATE INDEX ix_tasks_name ON tasks (name, id);
        """;
}
