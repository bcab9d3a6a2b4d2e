using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>Tables, paging, diagrams and documentation: the building blocks the views share.</summary>
public sealed partial class HtmlPage
{
    /// <summary>A table of resources: the first column links each one by its title.</summary>
    private void Table(string caption, IReadOnlyList<Resource> items, params string[] columns) => Table(caption, "Name", items, columns);

    private void Table(string caption, string nameHeader, IReadOnlyList<Resource> items, params string[] columns) =>
        Table(caption, nameHeader, items, columns, null, null);

    /// <summary>
    /// A table whose rows become cards on a phone (class <c>rows</c>; every cell names its column in <c>data-label</c>).
    /// <paramref name="titleOf"/> names a row (default: its title); <paramref name="empty"/> says what to do when there are none.
    /// </summary>
    private void Table(string caption, string nameHeader, IReadOnlyList<Resource> items, string[] columns, Func<Resource, string>? titleOf, string? empty)
    {
        if (items.Count == 0)
        {
            _html.Element("p", empty ?? $"No {caption.ToLowerInvariant()}.", ("class", "empty")).Line();
            return;
        }

        _html.Open("div", ("class", "table-wrap")).Open("table", ("class", "rows")).Line();
        _html.Element("caption", caption);
        _html.Open("thead").Open("tr");
        Header(null, nameHeader);
        foreach (var column in columns)
        {
            Header(column, ColumnLabel(column));
        }

        _html.Close("tr").Close("thead").Line();
        _html.Open("tbody").Line();
        foreach (var item in items)
        {
            var title = titleOf?.Invoke(item) ?? item.Title ?? item.SelfHref;
            _html.Open("tr").Open("th", ("scope", "row"));
            if (item.SelfHref.Contains('#', StringComparison.Ordinal))
            {
                _html.Text(title);
            }
            else
            {
                _html.Element("a", title, ("rel", Rels.Item), ("href", item.SelfHref));
            }

            _html.Close("th");
            foreach (var column in columns)
            {
                _html.Open("td", ("data-label", ColumnLabel(column)));
                Value(column, item.Properties.GetValueOrDefault(column));
                _html.Close("td");
            }

            _html.Close("tr").Line();
        }

        _html.Close("tbody").Close("table").Close("div").Line();
    }

    private static string ColumnLabel(string column) => column switch
    {
        "processKey" => "Process",
        "processName" => "Process",
        "startedAt" => "Started",
        "startedBy" => "By",
        "endedAt" => "Ended",
        "createdAt" => "Created",
        "updated_at" => "Changed",
        "activeSteps" => "Active steps",
        "candidateGroups" => "Groups",
        _ => Words.Humanize(column),
    };

    /// <summary>
    /// The paging links of a collection as numbered pages: the first, the one before, this one, the one after, the
    /// last. Pages are keyset positions, so only the neighbours can be linked; the gaps are shown as an ellipsis.
    /// </summary>
    private void Pager()
    {
        if (_resource.Collection is not { } c || c.TotalPages <= 1)
        {
            return;
        }

        _html.Open("nav", ("class", "pager"), ("aria-label", "Pages"));
        _html.Element("span", $"{c.Total} in all · page {c.Page} of {c.TotalPages}");
        if (c.Page > 1)
        {
            // Where the page before is the first, one link says both (rel prev: a client walking back finds it).
            PageLink(c.Page - 1 == 1 ? Rels.Prev : Rels.First, 1);
            if (c.Page > 3)
            {
                _html.Element("span", "…", ("aria-hidden", "true"));
            }

            if (c.Page - 1 > 1)
            {
                PageLink(Rels.Prev, c.Page - 1);
            }
        }

        _html.Element("span", c.Page.ToString(System.Globalization.CultureInfo.InvariantCulture), ("aria-current", "page"));
        if (c.Page < c.TotalPages)
        {
            PageLink(Rels.Next, c.Page + 1);
            if (c.Page + 1 < c.TotalPages)
            {
                if (c.Page + 2 < c.TotalPages)
                {
                    _html.Element("span", "…", ("aria-hidden", "true"));
                }

                PageLink(Rels.Last, c.TotalPages);
            }
        }

        _html.Close("nav").Line();
    }

    private void PageLink(string rel, int number)
    {
        if (LinkOf(rel) is not { } link)
        {
            return;
        }

        var label = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _html.Element("a", label, ("rel", rel), ("href", link.Href), ("aria-label", $"Page {label}"));
    }

    /// <summary>The diagram as an <c>&lt;object&gt;</c>: its shapes stay links, and a failure to draw never breaks the page.</summary>
    private void Diagram(string href, string label)
    {
        var svg = Variants.UriFor(href, "svg");
        _html.Open("div", ("class", "diagram"));
        // No role="img": an image role hides its fallback link, and axe counts a link inside an image as nested-interactive.
        _html.Open("object", ("data", svg), ("type", MediaTypes.Svg), ("aria-label", label));
        _html.Element("a", "Open the diagram", ("href", svg), ("type", MediaTypes.Svg));
        _html.Close("object").Close("div").Line();
    }

    private void Markdown(string? markdown)
    {
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            // Whoever deploys writes this: SafeMarkdown passes no raw HTML, no attributes and no script URLs.
            _html.Open("div", ("class", "doc")).Raw(SafeMarkdown.ToHtml(markdown)).Close("div").Line();
        }
    }
}
