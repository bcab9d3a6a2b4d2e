namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Every migration in order. Append only: a released migration is never edited, because databases that
/// already applied it would not see the change.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial", Migration0001_Initial.Sql),
        new(2, "feeds", Migration0002_Feeds.Sql),

        // Versions are not contiguous: lines of work merged in any order each took their own number.
        new(4, "events", Migration0004_Events.Sql),
        new(9, "call-activities", Migration0009_CallActivities.Sql),
        new(10, "participants", Migration0010_Participants.Sql),
        new(11, "job-locks", Migration0011_JobLocks.Sql),
        new(12, "reservations", Migration0012_Reservations.Sql),
        new(13, "transaction-scopes", Migration0013_TransactionScopes.Sql),
        new(14, "event-log", Migration0014_EventLog.Sql),
        new(15, "definition-sources", Migration0015_DefinitionSources.Sql),
        new(16, "identity", Migration0016_Identity.Sql),
        new(17, "task-completed-by", Migration0017_TaskCompletedBy.Sql),
        new(18, "member-feeds", Migration0018_MemberFeeds.Sql),
        new(20, "documentation-definitions", Migration0020_DocumentationDefinitions.Sql),
        new(21, "task-drafts", Migration0021_TaskDrafts.Sql),
        new(22, "history-retention", Migration0022_HistoryRetention.Sql),
        new(23, "batches", Migration0023_Batches.Sql),
        new(24, "task-due-dates", Migration0024_TaskDueDates.Sql),
        new(25, "list-sort-indexes", Migration0025_ListSortIndexes.Sql),
        new(26, "lean-history-append", Migration0026_LeanHistoryAppend.Sql),
    ];
}
