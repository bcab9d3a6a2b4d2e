using System.Globalization;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Paging;

/// <summary>
/// The <c>sort</c> and <c>order</c> query parameters of the instance and task lists: only fields the store indexes
/// (<see cref="ListSort.InstanceFields"/>, <see cref="ListSort.TaskFields"/>), so every sorted page stays a keyset seek.
/// Times default to newest first, text to A–Z. The list's <c>search</c> template offers both as options.
/// </summary>
public static class ListSorting
{
    public const string Ascending = "asc";

    public const string Descending = "desc";

    /// <summary>The sort asked for, or null (the list's natural newest-first order). Anything not offered is a <c>400 INVALID_SORT</c>.</summary>
    public static ListSort? Parse(string? sort, string? order, IReadOnlyList<string> fields, PageToken token)
    {
        if (order is not (null or Ascending or Descending))
        {
            throw new BadRequestException(ProblemCodes.InvalidSort, $"'order' must be '{Ascending}' or '{Descending}', not '{order}'.",
                new Dictionary<string, object?> { ["order"] = order, ["allowed"] = new[] { Ascending, Descending } });
        }

        if (sort is null)
        {
            return null;
        }

        if (!fields.Contains(sort))
        {
            throw new BadRequestException(ProblemCodes.InvalidSort, $"This list cannot be sorted by '{sort}'; use one of {string.Join(", ", fields)}.",
                new Dictionary<string, object?> { ["sort"] = sort, ["allowed"] = fields });
        }

        // A page position from a link of another order has no sort value in it; it cannot continue this one.
        var key = token.After ?? token.Before;
        if (key is not null && key.LastIndexOf('|') < 0)
        {
            throw new BadRequestException(ProblemCodes.InvalidPage, "This 'page' value belongs to a list in another order; start again from the first page.",
                new Dictionary<string, object?> { ["sort"] = sort });
        }

        return new ListSort(sort, (order ?? DefaultOrder(sort)) == Descending);
    }

    /// <summary>Times newest first, everything else A–Z.</summary>
    public static string DefaultOrder(string field) => field is "started" or "created" ? Descending : Ascending;

    /// <summary>The query parameters that keep an order across paging (none for the natural order).</summary>
    public static (string Name, string? Value)[] Parameters(ListSort? sort) =>
        sort is null ? [] : [("sort", sort.Field), ("order", sort.Descending ? Descending : Ascending)];

    /// <summary>
    /// The list's <c>search</c> template (a GET form): its filters with their current values, then <c>sort</c> and
    /// <c>order</c> with the offered values as options.
    /// </summary>
    public static Template SearchTemplate(string target, string title, IEnumerable<TemplateProperty> filters, IReadOnlyList<string> fields, ListSort? current)
    {
        var template = new Template { Name = "search", Method = "GET", Target = target, Title = title, ContentType = "application/x-www-form-urlencoded" };
        template.Properties.AddRange(filters);
        template.Properties.Add(new TemplateProperty("sort", "Sort by", "select", Value: current?.Field,
            Options: fields.Select(f => new TemplateOption(f, Words(f))).ToList()));
        template.Properties.Add(new TemplateProperty("order", "Order", "select", Value: current is null ? null : current.Descending ? Descending : Ascending,
            Options: [new TemplateOption(Ascending, "Ascending (A–Z, oldest first)"), new TemplateOption(Descending, "Descending (Z–A, newest first)")]));
        return template;
    }

    /// <summary>An RFC 3339 time from a query parameter; anything else is a <c>400 INVALID_FILTER</c>.</summary>
    public static DateTimeOffset? Time(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return value.Length >= 10 && value[4] == '-' &&
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new BadRequestException("INVALID_FILTER", $"'{name}' must be an RFC 3339 time such as 2026-12-24T18:00:00Z.",
                new Dictionary<string, object?> { [name] = value });
    }

    private static string Words(string field) => field switch
    {
        "started" => "Started",
        "created" => "Created",
        "due" => "Due",
        "name" => "Name",
        "businessKey" => "Business key",
        "state" => "State",
        _ => field,
    };
}
