using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Sql;

/// <summary>Small reader helpers shared by the row mappers.</summary>
internal static class SqliteRows
{
    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static object ToDb(string? value) => value is null ? DBNull.Value : value;
}
