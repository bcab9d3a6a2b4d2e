using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Storage.Sorting;

/// <summary>
/// Shared by both stores (linked into each project; the expressions are the same SQL in SQLite and PostgreSQL).
/// The indexed expression behind each <see cref="ListSort"/> field, the row's value of it for page keys, and how a page
/// key's sort value is read back. Each expression matches an index (migrations 24 and 25 of SQLite, 6 and 7 of
/// PostgreSQL) with the id after it, so a sorted page is still one index seek.
/// </summary>
internal static class SortColumns
{
    /// <summary>The due-date expression: no due date sorts after every date (the index is on the same expression).</summary>
    public const string DueExpression = "COALESCE(t.due_at, 9223372036854775807)";

    public static Sorted<TaskRecord> Tasks(ListSort? sort) => sort?.Field switch
    {
        null => new(null, static v => v, static t => t.Id),
        "created" => Of<TaskRecord>("t.created_at", Ticks, static t => t.CreatedAt.UtcTicks, static t => t.Id),
        "due" => Of<TaskRecord>(DueExpression, Ticks, static t => t.DueAt?.UtcTicks ?? ListSort.NoDueDate, static t => t.Id),
        "name" => Of<TaskRecord>("t.name", Text, static t => t.Name, static t => t.Id),
        var other => throw new ArgumentException($"Tasks cannot be sorted by '{other}'.", nameof(sort)),
    };

    public static Sorted<InstanceSummary> Instances(ListSort? sort) => sort?.Field switch
    {
        null => new(null, static v => v, static i => i.Id),
        "started" => Of<InstanceSummary>("started_at", Ticks, static i => i.StartedAt.UtcTicks, static i => i.Id),
        "businessKey" => Of<InstanceSummary>("COALESCE(business_key, '')", Text, static i => i.BusinessKey ?? string.Empty, static i => i.Id),
        "state" => Of<InstanceSummary>("state", Text, static i => i.State, static i => i.Id),
        var other => throw new ArgumentException($"Instances cannot be sorted by '{other}'.", nameof(sort)),
    };

    private static Sorted<TRow> Of<TRow>(string expression, Func<string, object> parse, Func<TRow, object> value, Func<TRow, string> id) =>
        new(expression, parse, row => ListSort.Key(value(row), id(row)));

    private static object Ticks(string value) => ListSort.Ticks(value);

    private static object Text(string value) => value;
}
