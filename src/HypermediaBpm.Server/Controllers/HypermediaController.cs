using HypermediaBpm.Server.Representations.Html;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// What every controller shares: answers to state changes. A browser's form post is answered with
/// <c>303 See Other</c> to the resulting resource (Post/Redirect/Get); other clients get the status the
/// contract names with the resource in the representation they asked for.
/// </summary>
[ApiController]
[FormatFilter]
public abstract class HypermediaController : ControllerBase
{
    private bool IsFormPost => Request.HasFormContentType;

    /// <summary>What the signed-in user of this request may do and see.</summary>
    protected Identity.Permissions Rights => Identity.Permissions.Of(HttpContext);

    protected IActionResult CreatedResource(string location, Resource resource)
    {
        if (IsFormPost)
        {
            return SeeOther(location);
        }

        Response.Headers.Location = location;
        return new ObjectResult(resource) { StatusCode = StatusCodes.Status201Created };
    }

    protected IActionResult ChangedResource(Resource resource, string? redirectTo = null) =>
        IsFormPost ? SeeOther(redirectTo ?? resource.SelfHref) : Ok(resource);

    /// <summary>
    /// For a browser's form post: which template it submitted and how to load the page it is on, so that a
    /// rejected submission comes back as that form with the errors next to its fields (see <see cref="SubmittedForm"/>).
    /// </summary>
    protected void RememberForm(string templateName, Func<CancellationToken, Task<Resource>> loadPage)
    {
        if (IsFormPost)
        {
            HttpContext.Features.Set(new SubmittedForm(templateName, loadPage));
        }
    }

    /// <summary><c>202 Accepted</c> with the <c>Location</c> of what was accepted (a browser form: <c>303</c> to it).</summary>
    protected IActionResult AcceptedResource(string location, Resource resource)
    {
        if (IsFormPost)
        {
            return SeeOther(location);
        }

        Response.Headers.Location = location;
        return new ObjectResult(resource) { StatusCode = StatusCodes.Status202Accepted };
    }

    protected IActionResult NoContentOrRedirect(string redirectTo) => IsFormPost ? SeeOther(redirectTo) : NoContent();

    private IActionResult SeeOther(string location)
    {
        Response.Headers.Location = location;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    protected static int PageSize(int? requested) => Math.Clamp(requested ?? 20, 1, Engine.Persistence.PageRequest.MaxSize);

    protected static Paging.PageToken PageOf(string? page) =>
        Paging.PageToken.TryParse(page, out var token)
            ? token
            : throw new Inputs.BadRequestException("INVALID_PAGE", "The 'page' value is not one this server gave out; follow the first/next/prev/last links.",
                new Dictionary<string, object?> { ["page"] = page });
}
