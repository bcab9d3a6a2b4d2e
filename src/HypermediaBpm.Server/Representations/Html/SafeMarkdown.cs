using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// The one Markdown renderer of the server: the documents under <c>/docs</c> and <c>/rels</c> and the
/// <c>bpmn:documentation</c> of deployed models, which anyone who may deploy writes. It turns on only what the
/// documents use — pipe tables, emphasis extras (~~strike~~ and the like), list extras, heading anchors and bare
/// URLs as links — and leaves raw HTML off; extensions such as generic attributes (<c>{onerror=…}</c>) or media
/// links (iframes) are not in the pipeline at all. Before rendering, every link and image is checked with
/// <see cref="SafeUrl"/>: a link to a refused URL keeps only its text, an image only its alt text. Table column
/// alignment becomes a class instead of a <c>style</c> attribute, which the pages' Content-Security-Policy blocks.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        Sanitize(document);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static void Sanitize(MarkdownDocument document)
    {
        // Collected first: the walk must not run over nodes it is taking out of the tree.
        foreach (var node in document.Descendants().ToList())
        {
            switch (node)
            {
                case LinkInline link when !SafeUrl.IsAllowed(link.GetDynamicUrl?.Invoke() ?? link.Url):
                    // The link's text (an image's alt text) stays, as text.
                    link.ReplaceBy(new LiteralInline(string.Empty));
                    break;
                case AutolinkInline autolink when !autolink.IsEmail && !SafeUrl.IsAllowed(autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
                case Table table:
                    AlignByClass(table);
                    break;
            }
        }
    }

    /// <summary>Moves column alignment (and widths) from inline styles to <c>align-left|center|right</c> classes.</summary>
    private static void AlignByClass(Table table)
    {
        var columns = table.ColumnDefinitions;
        if (columns.Count == 0)
        {
            return;
        }

        foreach (var row in table.OfType<TableRow>())
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is not TableCell cell)
                {
                    continue;
                }

                var index = Math.Min(cell.ColumnIndex >= 0 && cell.ColumnIndex < columns.Count ? cell.ColumnIndex : i, columns.Count - 1);
                if (columns[index].Alignment is { } alignment)
                {
                    cell.GetAttributes().AddClass("align-" + alignment.ToString().ToLowerInvariant());
                }
            }
        }

        foreach (var column in columns)
        {
            column.Alignment = null;
            column.Width = 0;
        }
    }
}
