using System.Text.Json;

namespace HypermediaBpm.Storage.Sqlite.Sql;

/// <summary>
/// Candidate users and groups are stored as JSON arrays of strings: one column, readable by SQLite's json_each
/// (which feeds the indexed candidate-group side table).
/// </summary>
internal static class JsonList
{
    private const string Empty = "[]";

    public static string Write(IReadOnlyList<string> values) =>
        values.Count == 0 ? Empty : JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> Read(string json) =>
        json == Empty ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
