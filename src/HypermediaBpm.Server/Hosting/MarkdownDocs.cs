using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using Markdig;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// The Markdown documents shipped inside the server (docs/rels/*.md), rendered to HTML once each.
/// Embedded in the assembly so the server serves them from wherever it runs.
/// </summary>
public sealed class MarkdownDocs
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private readonly ConcurrentDictionary<string, string?> _rendered = new(StringComparer.Ordinal);
    private readonly Assembly _assembly = typeof(MarkdownDocs).Assembly;

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    /// <summary>The page for a <c>bpm:</c> relation, or null when there is none.</summary>
    public string? RenderRel(string rel) => _rendered.GetOrAdd("rels/" + rel, _ =>
    {
        if (!IsSafeName(rel))
        {
            return null;
        }

        var markdown = Read($"docs/rels/{rel}.md");
        return markdown is null ? null : Page(rel == "index" ? "Link relations" : $"bpm:{rel}", ToHtml(markdown));
    });

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

    private static bool IsSafeName(string name) => name.Length is > 0 and < 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{WebUtility.HtmlEncode(title)} — HypermediaBpm</title></head>\n<body><main>{body}</main>" +
        "<footer><a rel=\"index\" href=\"/rels\">All link relations</a> · <a href=\"/\">Home</a></footer></body></html>";
}
