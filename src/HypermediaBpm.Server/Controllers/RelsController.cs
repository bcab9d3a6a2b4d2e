using HypermediaBpm.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary><c>/rels/{rel}</c>: what a <c>bpm:</c> link relation means, for people (rendered from docs/rels/*.md).</summary>
// Public: contract §9 lets anonymous requests read this.
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[ApiController]
public sealed class RelsController(MarkdownDocs docs) : ControllerBase
{
    [HttpGet("/rels")]
    [HttpGet("/rels/{rel}")]
    public IActionResult Get(string? rel)
    {
        var html = docs.RenderRel(rel ?? "index");
        if (html is null)
        {
            throw new Engine.Errors.NotFoundException("REL_NOT_FOUND", $"There is no link relation 'bpm:{rel}'.", new Dictionary<string, object?> { ["rel"] = rel });
        }

        return Content(html, "text/html; charset=utf-8");
    }
}
