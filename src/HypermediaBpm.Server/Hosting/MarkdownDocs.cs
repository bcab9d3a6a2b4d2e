using System.Collections.Concurrent;
using System.Reflection;
using HypermediaBpm.Server.Representations.Html;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// The Markdown documents shipped inside the server (docs/*.md, docs/rels/*.md), rendered to HTML pages once
/// each, in the same frame as every other page. Embedded in the assembly so the server serves them from
/// wherever it runs. Rendered by <see cref="SafeMarkdown"/>, like a model's documentation.
/// </summary>
public sealed class MarkdownDocs
{
    private readonly ConcurrentDictionary<string, string?> _rendered = new(StringComparer.Ordinal);
    private readonly Assembly _assembly = typeof(MarkdownDocs).Assembly;

    /// <summary>The page for a <c>bpm:</c> relation, or null when there is none.</summary>
    public string? RenderRel(string rel) => _rendered.GetOrAdd("rels/" + rel, _ =>
    {
        if (!IsSafeName(rel))
        {
            return null;
        }

        var markdown = Read($"docs/rels/{rel}.md");
        return markdown is null ? null : HtmlLayout.Page(rel == "index" ? "Link relations" : $"bpm:{rel}", Article(SafeMarkdown.ToHtml(markdown)));
    });

    /// <summary>The page of docs/<paramref name="name"/>.md, or null when there is none.</summary>
    public string? RenderDoc(string name) => _rendered.GetOrAdd("docs/" + name, _ =>
    {
        if (!IsSafeName(name))
        {
            return null;
        }

        var markdown = Read($"docs/{name}.md");
        return markdown is null ? null : HtmlLayout.Page(TitleOf(markdown) ?? name, Article(SafeMarkdown.ToHtml(markdown)));
    });

    /// <summary>The list of documents, each by its first heading.</summary>
    public string RenderIndex() => _rendered.GetOrAdd("docs-index", _ =>
    {
        var html = new HtmlWriter();
        html.Element("h1", "Documentation").Line();
        html.Element("p", "How the server works and how to use it. Every page of the server links here.").Line();
        html.Open("ul").Line();
        foreach (var name in DocNames())
        {
            var title = TitleOf(Read($"docs/{name}.md") ?? string.Empty) ?? name;
            html.Open("li").Element("a", title, ("href", $"/docs/{name}")).Close("li").Line();
        }

        html.Close("ul").Line();
        html.Open("p").Element("a", "Link relations (bpm:…)", ("href", "/rels")).Close("p").Line();
        return HtmlLayout.Page("Documentation", html.ToString());
    })!;

    /// <summary>An example diagram (docs/diagrams/*.svg), or null.</summary>
    public string? ReadDiagram(string name) =>
        name.EndsWith(".svg", StringComparison.Ordinal) && IsSafeName(name[..^4]) ? Read($"docs/diagrams/{name}") : null;

    public string? Read(string path)
    {
        using var stream = _assembly.GetManifestResourceStream(path);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public IEnumerable<string> Names(string prefix) =>
        _assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal));

    private IEnumerable<string> DocNames() =>
        Names("docs/").Select(n => n["docs/".Length..]).Where(n => n.EndsWith(".md", StringComparison.Ordinal) && !n.Contains('/', StringComparison.Ordinal))
            .Select(n => n[..^3]).Order(StringComparer.Ordinal);

    private static string? TitleOf(string markdown) =>
        markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    private static string Article(string html) => "<article class=\"doc\">" + html + "</article>";

    private static bool IsSafeName(string name) => name.Length is > 0 and < 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.Contains("..", StringComparison.Ordinal);
}
