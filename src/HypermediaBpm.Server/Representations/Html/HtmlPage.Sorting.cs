using System.Globalization;
using HypermediaBpm.Server.Paging;
using Microsoft.AspNetCore.WebUtilities;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// Due dates as people read them ("due in 2 days"; overdue said in words and with an icon, not by colour alone) and
/// list column headers that sort: each a link to the same list, filters kept, ordered by that column, the sorted one
/// marked with <c>aria-sort</c>.
/// </summary>
public sealed partial class HtmlPage
{
    /// <summary>A task's due time relative to now; overdue ones carry the word and a warning sign.</summary>
    private void Due(DateTimeOffset due)
    {
        var datetime = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var left = due - _context.Now;
        if (left < TimeSpan.Zero)
        {
            _html.Open("span", ("class", "due due-overdue"));
            _html.Element("span", "⚠", ("aria-hidden", "true")).Text(" Overdue: was due ");
            _html.Element("time", Span(-left) + " ago", ("datetime", datetime), ("title", Time(due)));
        }
        else
        {
            _html.Open("span", ("class", "due"));
            _html.Element("span", "◷", ("aria-hidden", "true")).Text(" due in ");
            _html.Element("time", Span(left), ("datetime", datetime), ("title", Time(due)));
        }

        _html.Close("span");
    }

    /// <summary>A span of time in its largest whole unit: "2 days", "3 hours", "1 minute", "less than a minute".</summary>
    private static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => Count((int)span.TotalDays, "day"),
        { TotalHours: >= 1 } => Count((int)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } => Count((int)span.TotalMinutes, "minute"),
        _ => "less than a minute",
    };

    private static string Count(int n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + unit + (n == 1 ? string.Empty : "s");

    /// <summary>The sort field a list column (or the name column, <c>null</c>) stands for, when the list offers it.</summary>
    private string? SortFieldOf(string? column)
    {
        var field = column switch
        {
            null => _resource.Kind == Resources.ResourceKinds.TaskCollection ? "name" : "businessKey",
            "createdAt" => "created",
            "startedAt" => "started",
            "due" => "due",
            "state" => "state",
            _ => null,
        };
        var offered = Template("search")?.Properties.FirstOrDefault(p => p.Name == "sort")?.Options;
        return field is not null && offered is not null && offered.Any(o => o.Value == field) ? field : null;
    }

    /// <summary>A column header: a sort link with <c>aria-sort</c> on the sorted column, or plain text where the list cannot sort by it.</summary>
    private void Header(string? column, string label)
    {
        if (SortFieldOf(column) is not { } field)
        {
            _html.Element("th", label, ("scope", "col"));
            return;
        }

        var query = QueryHelpers.ParseQuery(new Uri("http://x" + _resource.SelfHref).Query);
        var current = query.TryGetValue("sort", out var s) ? s.ToString() : null;
        var descending = query.TryGetValue("order", out var o) ? o.ToString() == ListSorting.Descending : current is not null && ListSorting.DefaultOrder(current) == ListSorting.Descending;
        var sorted = current == field;
        var next = sorted ? (descending ? ListSorting.Ascending : ListSorting.Descending) : ListSorting.DefaultOrder(field);
        var kept = query.Where(q => q.Key is not ("page" or "sort" or "order")).Select(q => (q.Key, (string?)q.Value.ToString()));
        var href = Resources.Uris.WithQuery(_resource.SelfHref.Split('?')[0], [.. kept, ("sort", field), ("order", next)]);

        _html.Open("th", ("scope", "col"), ("aria-sort", sorted ? (descending ? "descending" : "ascending") : null));
        var arrow = sorted ? (descending ? " ▼" : " ▲") : string.Empty;
        _html.Element("a", label + arrow, ("href", href), ("title", $"Sort by {label.ToLowerInvariant()}, {(next == ListSorting.Descending ? "descending" : "ascending")}"));
        _html.Close("th");
    }
}
