using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Sql;

/// <summary>
/// Timestamps are stored as UTC ticks (INTEGER): exact to 100 ns, compact, and they sort as numbers.
/// The offset is not kept; every value comes back as the same instant in UTC.
/// </summary>
internal static class SqliteTime
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static object ToDb(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    public static DateTimeOffset Read(SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullable(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Read(reader, ordinal);
}
