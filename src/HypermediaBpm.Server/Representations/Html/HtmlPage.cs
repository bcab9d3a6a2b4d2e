using System.Collections;
using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// A <see cref="Resource"/> as an HTML page. Whatever the kind, the page carries every link of the resource
/// (as <c>&lt;link rel&gt;</c> in the head and <c>&lt;a rel&gt;</c> in the links section; templated links as
/// GET forms) and every template as a <c>&lt;form&gt;</c>, so a browser can do all a HAL-FORMS client can.
/// Per kind, a view arranges the same data for people (<see cref="HtmlPage"/>'s other part); what a view does
/// not place itself goes to the generic sections at the end.
/// </summary>
public sealed partial class HtmlPage
{
    private readonly Resource _resource;
    private readonly HtmlContext _context;
    private readonly IReadOnlyDictionary<string, Resource> _related;
    private readonly HtmlWriter _html = new();
    private readonly HashSet<Template> _written = new(ReferenceEqualityComparer.Instance);

    private HtmlPage(Resource resource, HtmlContext context, IReadOnlyDictionary<string, Resource> related)
    {
        _resource = resource;
        _context = context;
        _related = related;
    }

    /// <summary>The page for <paramref name="resource"/>; <paramref name="related"/> are its loaded <see cref="Resource.Related"/> resources.</summary>
    public static string Write(Resource resource, HtmlContext context, IReadOnlyDictionary<string, Resource>? related = null)
    {
        var page = new HtmlPage(resource, context, related ?? new Dictionary<string, Resource>());
        page.WritePage();
        return page._html.ToString();
    }

    private void WritePage()
    {
        var title = _resource.Title ?? Words.Humanize(_resource.Kind);
        HtmlLayout.Begin(_html, title, _resource.Links);
        _html.Element("h1", title).Line();
        WriteView();
        WriteRemainingTemplates();
        WriteLinks();
        HtmlLayout.End(_html, _resource.Links);
    }

    private void WriteRemainingTemplates()
    {
        var left = _resource.Templates.Where(t => !_written.Contains(t)).ToList();
        if (left.Count == 0)
        {
            return;
        }

        Section("actions", "Actions");
        foreach (var template in left)
        {
            Form(template);
        }

        _html.Close("section").Line();
    }

    /// <summary>Every link of the resource, with its relation visible: the page's whole hypermedia surface in one place.</summary>
    private void WriteLinks()
    {
        _html.Open("section", ("class", "links"), ("aria-labelledby", "links-title")).Line();
        _html.Element("h2", "Links", ("id", "links-title")).Line();
        _html.Open("ul").Line();
        foreach (var link in _resource.Links.Where(l => !l.Templated))
        {
            _html.Open("li");
            _html.Element("a", link.Title ?? Words.Humanize(RelName(link.Rel)), ("rel", link.Rel), ("href", link.Href), ("type", link.Type));
            _html.Text(" ").Element("small", link.Rel);
            _html.Close("li").Line();
        }

        _html.Close("ul").Line();
        foreach (var link in _resource.Links.Where(l => l.Templated))
        {
            LinkForm(link, "search-" + Slug(link.Name ?? RelName(link.Rel)), 3);
        }

        _html.Close("section").Line();
    }

    // ---- building blocks shared by the views ----

    private void Section(string id, string heading)
    {
        // "section-" keeps section ids apart from form ids, which are template names.
        _html.Open("section", ("aria-labelledby", "section-" + id)).Line();
        _html.Element("h2", heading, ("id", "section-" + id)).Line();
    }

    /// <summary>A template of this resource (id = its name) or of an embedded one (id = name-itemId).</summary>
    private void Form(Template template, string? itemId = null, int headingLevel = 3)
    {
        _written.Add(template);
        HtmlForms.Write(_html, template, itemId is null ? template.Name : $"{template.Name}-{itemId}", _context, null, headingLevel);
    }

    private void FormNamed(string name, int headingLevel = 3)
    {
        if (Template(name) is { } template)
        {
            Form(template, headingLevel: headingLevel);
        }
    }

    private Template? Template(string name) => _resource.Templates.FirstOrDefault(t => t.Name == name);

    private Link? LinkOf(string rel, string? name = null) => _resource.Links.FirstOrDefault(l => l.Rel == rel && (name is null || l.Name == name));

    private object? Prop(string name) => _resource.Properties.GetValueOrDefault(name);

    private string? Text(string name) => Display(Prop(name));

    /// <summary>
    /// A templated link (<c>/instances{?state,process}</c>) as a GET form: one text field per variable (filled in from
    /// <paramref name="current"/>), a state list where the states are known.
    /// </summary>
    private void LinkForm(Link link, string formId, int headingLevel, IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues>? current = null)
    {
        var (action, names) = UriTemplate.Split(link.Href);
        if (names.Count == 0)
        {
            return;
        }

        var template = new Template { Name = "search", Method = "GET", Target = action, Title = link.Title ?? Words.Humanize(RelName(link.Rel)) };
        foreach (var name in names.Where(n => n != "page"))
        {
            var value = current is not null && current.TryGetValue(name, out var v) ? v.ToString() : null;
            template.Properties.Add(name == "state" && StatesFor(link.Rel) is { } states
                ? new TemplateProperty(name, "State", "select", Value: value, Options: states.Select(s => new TemplateOption(s, s)).ToList())
                : new TemplateProperty(name, Words.Humanize(name), Value: value));
        }

        HtmlForms.Write(_html, template, formId, _context, null, headingLevel);
    }

    private IReadOnlyList<string>? StatesFor(string rel) => rel switch
    {
        Rels.Instances => Engine.Instances.InstanceStates.All,
        Rels.Tasks => Engine.Instances.TaskStates.All,
        Rels.Search => _resource.Kind == ResourceKinds.TaskCollection ? StatesFor(Rels.Tasks) : StatesFor(Rels.Instances),
        _ => null,
    };

    private static string RelName(string rel) => rel.StartsWith(Rels.CuriePrefix + ":", StringComparison.Ordinal) ? rel[(Rels.CuriePrefix.Length + 1)..] : rel;

    private static string Slug(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    /// <summary>The properties as a definition list (<paramref name="names"/> in order; all of them when null), skipping empty ones.</summary>
    private void Properties(IEnumerable<string>? names = null, IReadOnlyDictionary<string, object?>? source = null)
    {
        source ??= _resource.Properties;
        var shown = (names ?? source.Keys).Where(n => source.TryGetValue(n, out var v) && !IsEmpty(v)).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        _html.Open("dl", ("class", "props")).Line();
        foreach (var name in shown)
        {
            _html.Element("dt", Words.Humanize(name));
            _html.Open("dd");
            Value(name, source[name]);
            _html.Close("dd").Line();
        }

        _html.Close("dl").Line();
    }

    /// <summary>One value: states as labelled badges (text, not colour alone), times as <c>&lt;time&gt;</c>, the rest as text.</summary>
    private void Value(string name, object? value)
    {
        switch (value)
        {
            case string s when name == "state":
                State(s);
                break;
            case string s when name == "description":
                // A process's documentation is Markdown (lists show it as the process page does), made safe by SafeMarkdown.
                _html.Raw(SafeMarkdown.ToHtml(s));
                break;
            case DateTimeOffset time:
                _html.Element("time", Time(time), ("datetime", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
                break;
            default:
                _html.Text(Display(value) ?? "—");
                break;
        }
    }

    private void State(string state)
    {
        var symbol = state switch
        {
            "running" or "open" => "▶",
            "completed" => "✔",
            "suspended" => "⏸",
            "claimed" => "✋",
            "failed" => "⚠",
            "terminated" or "cancelled" => "■",
            _ => "•",
        };
        _html.Open("span", ("class", "state state-" + Slug(state))).Text(symbol + " " + state).Close("span");
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        _ => false,
    };

    /// <summary>Any property value as text a person reads; structured values as compact JSON.</summary>
    public static string? Display(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "yes" : "no",
        DateTimeOffset t => Time(t),
        DateTime t => Time(new DateTimeOffset(t, TimeSpan.Zero)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> strings => string.Join(", ", strings),
        _ => Json(value),
    };

    private static string Json(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonValues.Write(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A table of resources: the first column links each one by its title.</summary>
    private void Table(string caption, IReadOnlyList<Resource> items, params string[] columns) => Table(caption, "Name", items, columns);

    private void Table(string caption, string nameHeader, IReadOnlyList<Resource> items, params string[] columns)
    {
        if (items.Count == 0)
        {
            _html.Element("p", $"No {caption.ToLowerInvariant()}.", ("class", "hint")).Line();
            return;
        }

        _html.Open("div", ("class", "table-wrap")).Open("table").Line();
        _html.Element("caption", caption);
        _html.Open("thead").Open("tr");
        _html.Element("th", nameHeader, ("scope", "col"));
        foreach (var column in columns)
        {
            _html.Element("th", Words.Humanize(column), ("scope", "col"));
        }

        _html.Close("tr").Close("thead").Line();
        _html.Open("tbody").Line();
        foreach (var item in items)
        {
            _html.Open("tr").Open("th", ("scope", "row"));
            if (item.SelfHref.Contains('#', StringComparison.Ordinal))
            {
                _html.Text(item.Title ?? item.SelfHref);
            }
            else
            {
                _html.Element("a", item.Title ?? item.SelfHref, ("rel", Rels.Item), ("href", item.SelfHref));
            }

            _html.Close("th");
            foreach (var column in columns)
            {
                _html.Open("td");
                Value(column, item.Properties.GetValueOrDefault(column));
                _html.Close("td");
            }

            _html.Close("tr").Line();
        }

        _html.Close("tbody").Close("table").Close("div").Line();
    }

    /// <summary>The paging links of a collection and where this page is.</summary>
    private void Pager()
    {
        if (_resource.Collection is not { } c)
        {
            return;
        }

        _html.Open("nav", ("class", "pager"), ("aria-label", "Pages"));
        _html.Element("span", $"Page {c.Page} of {c.TotalPages} · {c.Total} in all");
        foreach (var (rel, label) in new[] { (Rels.First, "First"), (Rels.Prev, "Previous"), (Rels.Next, "Next"), (Rels.Last, "Last") })
        {
            if (LinkOf(rel) is { } link && link.Href != _resource.SelfHref)
            {
                _html.Element("a", label, ("rel", rel), ("href", link.Href));
            }
        }

        _html.Close("nav").Line();
    }

    /// <summary>The diagram as an <c>&lt;object&gt;</c>: its shapes stay links, and a failure to draw never breaks the page.</summary>
    private void Diagram(string href, string label)
    {
        var svg = Variants.UriFor(href, "svg");
        _html.Open("div", ("class", "diagram"));
        _html.Open("object", ("data", svg), ("type", MediaTypes.Svg), ("aria-label", label), ("role", "img"));
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

    private IReadOnlyList<Resource> Embedded(string rel) => _resource.Embedded.GetValueOrDefault(rel) ?? (IReadOnlyList<Resource>)[];
}
