using System.Data.Common;

namespace HypermediaBpm.Storage.Postgres.Sql;

/// <summary>
/// Timestamps are stored as UTC ticks (<c>bigint</c>), as the SQLite store keeps them: exact to 100 ns, which
/// <c>timestamptz</c> (microseconds) is not. Every value comes back as the same instant in UTC.
/// </summary>
internal static class PostgresTime
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset Read(DbDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullable(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Read(reader, ordinal);
}
