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
        // Signed in, the home page is the user's work.
        var title = _resource.Kind == ResourceKinds.Root && _related.ContainsKey(WorkResources.InboxRelated)
            ? "My work"
            : _resource.Title ?? Words.Humanize(_resource.Kind);
        HtmlLayout.Begin(_html, title, _resource.Links, _context.User);
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

    /// <summary>
    /// Every link of the resource, with its relation visible: the page's whole hypermedia surface in one place, kept
    /// for hypermedia clients and developers but folded away (a <c>&lt;details&gt;</c>, which needs no script).
    /// </summary>
    private void WriteLinks()
    {
        _html.Open("details", ("class", "dev")).Line();
        _html.Element("summary", "For developers: links and relations").Line();
        _html.Open("section", ("class", "links"), ("aria-labelledby", "links-title")).Line();
        _html.Element("h2", "Links", ("id", "links-title"), ("class", "visually-hidden")).Line();
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

        _html.Close("section").Close("details").Line();
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
            case DateTimeOffset due when name == "due":
                Due(due);
                break;
            case DateTimeOffset time:
                _html.Element("time", Time(time), ("datetime", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
                break;
            case null when name == "user":
                // History events nobody signed in caused (timers, messages, the server's own steps).
                _html.Text("⚙ server");
                break;
            case bool b:
                _html.Text(b ? "✔ yes" : "✘ no");
                break;
            case IDictionary or IList when value is not IEnumerable<string>:
                // Structured data as JSON, kept readable: wrapped, monospaced.
                _html.Element("code", Display(value), ("class", "value-json"));
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

    private IReadOnlyList<Resource> Embedded(string rel) => _resource.Embedded.GetValueOrDefault(rel) ?? (IReadOnlyList<Resource>)[];
}
