namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>
/// Every PostgreSQL migration in order. Append only: a released migration is never edited, because databases that
/// already applied it would not see the change. The numbering is this store's own, apart from SQLite's.
/// </summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<PostgresMigration> All { get; } =
    [
        new(1, "initial", Migration0001_Initial.Sql),
        new(2, "documentation-definitions-and-task-drafts", Migration0002_DefinitionsExecutableTaskDrafts.Sql),
        new(3, "member-feeds", Migration0003_MemberFeeds.Sql),
        new(4, "history-retention", Migration0004_HistoryRetention.Sql),
        new(5, "batches", Migration0005_Batches.Sql),
        new(6, "task-due-dates", Migration0006_TaskDueDates.Sql),
        new(7, "list-sort-indexes", Migration0007_ListSortIndexes.Sql),
        new(8, "drop-history-process-type-index", Migration0008_DropHistoryProcessTypeIndex.Sql),
    ];
}
