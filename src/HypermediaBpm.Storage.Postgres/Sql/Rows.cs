using System.Data.Common;

namespace HypermediaBpm.Storage.Postgres.Sql;

/// <summary>Small reader helpers shared by the row mappers.</summary>
internal static class Rows
{
    public static string? NullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static IReadOnlyList<string> StringArray(this DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<string[]>(ordinal);
}
