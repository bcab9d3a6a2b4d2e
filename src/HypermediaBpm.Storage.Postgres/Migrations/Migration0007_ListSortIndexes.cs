namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>What SQLite's migration 25 adds: one index per list sort, each ending in the id (the keyset's tie breaker).</summary>
internal static class Migration0007_ListSortIndexes
{
    public const string Sql = """
        CREATE INDEX ix_instances_started ON instances (started_at, id);
        CREATE INDEX ix_instances_business_key_sort ON instances ((COALESCE(business_key, '')), id);
        CREATE INDEX ix_tasks_created ON tasks (created_at, id);
        CREATE INDEX ix_tasks_name ON tasks (name, id);
        """;
}
