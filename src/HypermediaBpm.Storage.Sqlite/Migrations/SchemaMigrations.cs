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

        // 3 is call activities (another line of work); a database has either, both or neither.
        new(4, "events", Migration0004_Events.Sql),
    ];
}
