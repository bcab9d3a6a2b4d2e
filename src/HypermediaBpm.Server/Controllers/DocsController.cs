using HypermediaBpm.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>/docs</c>: the server's documentation (docs/*.md, shipped inside it) as HTML pages, linked from every
/// page's footer as <c>service-doc</c>. Links between the documents (<c>api.md</c>) work as they do on disk.
/// </summary>
// Public: contract §9 lets anonymous requests read this.
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[ApiController]
public sealed class DocsController(MarkdownDocs docs) : ControllerBase
{
    [HttpGet("/docs")]
    public IActionResult Index() => Page(docs.RenderIndex());

    [HttpGet("/docs/{name}")]
    public IActionResult Document(string name)
    {
        var bare = name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return Page(docs.RenderDoc(bare) ?? throw NotFound(name));
    }

    /// <summary>The link relation pages, reached from documents that link <c>rels/tasks.md</c>.</summary>
    [HttpGet("/docs/rels/{name}")]
    public IActionResult Rel(string name) =>
        RedirectPermanent("/rels/" + Uri.EscapeDataString(name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name));

    /// <summary>The example diagrams the documents show.</summary>
    [HttpGet("/docs/diagrams/{name}")]
    public IActionResult Diagram(string name)
    {
        var svg = docs.ReadDiagram(name) ?? throw NotFound(name);
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(svg, "image/svg+xml; charset=utf-8");
    }

    private ContentResult Page(string html)
    {
        Response.Headers.CacheControl = "public, max-age=300";
        return Content(html, "text/html; charset=utf-8");
    }

    private static Engine.Errors.NotFoundException NotFound(string name) =>
        new("DOC_NOT_FOUND", $"There is no document '{name}'; the list is at /docs.", new Dictionary<string, object?> { ["name"] = name });
}
