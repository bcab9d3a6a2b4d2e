using HypermediaBpm.Server.Representations.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Controllers;

/// <summary>The style sheet of the HTML pages. Its URI carries a hash of its content, so it is cached for a year.</summary>
// Public: contract §9 lets anonymous requests read this.
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[ApiController]
public sealed class AssetsController : ControllerBase
{
    [HttpGet("/assets/site.css")]
    public IActionResult StyleSheet()
    {
        Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var etag = new EntityTagHeaderValue($"\"{Assets.StyleSheetVersion}\"");
        return File(Assets.StyleSheet, "text/css; charset=utf-8", lastModified: null, entityTag: etag);
    }
}
