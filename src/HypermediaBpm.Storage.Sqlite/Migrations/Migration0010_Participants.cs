namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// The participants people register (users and groups that own work). The key is the same <c>user:ann</c> /
/// <c>group:managers</c> string the worklist feeds index by, so a participant and its feed line up.
/// </summary>
internal static class Migration0010_Participants
{
    public const string Sql = """
        CREATE TABLE participants (
            key        TEXT    NOT NULL PRIMARY KEY,
            kind       TEXT    NOT NULL,
            id         TEXT    NOT NULL,
            name       TEXT,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
