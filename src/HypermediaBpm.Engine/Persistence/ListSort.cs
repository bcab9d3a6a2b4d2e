using System.Globalization;

namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A list ordered by one indexed field before the row id (the tie breaker), ascending or descending. The stores page it
/// by keyset: a page key is the last row's sort value and id (<see cref="Key"/>), so paging stays one index seek.
/// </summary>
public sealed record ListSort(string Field, bool Descending)
{
    /// <summary>Instance lists: by start time, business key (none sorts as the empty string) or state.</summary>
    public static IReadOnlyList<string> InstanceFields { get; } = ["started", "businessKey", "state"];

    /// <summary>Task lists: by creation time, due time (no due date sorts after every date) or name.</summary>
    public static IReadOnlyList<string> TaskFields { get; } = ["created", "due", "name"];

    /// <summary>The sort value that stands for "no due date": after every date, as the stores' due-date index orders it.</summary>
    public const long NoDueDate = long.MaxValue;

    /// <summary>A page key: the sort value, a separator, the id (ids never hold the separator, so the last one splits).</summary>
    public static string Key(object sortValue, string id) =>
        Convert.ToString(sortValue, CultureInfo.InvariantCulture) + "|" + id;

    /// <summary>Splits a page key made by <see cref="Key"/>; a key without a separator is malformed.</summary>
    public static (string Sort, string Id) Split(string key)
    {
        var at = key.LastIndexOf('|');
        return at < 0 ? throw new FormatException("The page key holds no sort value.") : (key[..at], key[(at + 1)..]);
    }

    /// <summary>A time sort value (ticks) from a page key.</summary>
    public static long Ticks(string sort) =>
        long.TryParse(sort, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks) ? ticks : throw new FormatException("The page key's time is not a number.");
}
