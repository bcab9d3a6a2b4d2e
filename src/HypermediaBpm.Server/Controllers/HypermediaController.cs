using HypermediaBpm.Server.Problems;
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

    /// <summary>The <c>pageSize</c> asked for (1–200, contract §4), or the default; anything else is a <c>400 INVALID_PAGE_SIZE</c>.</summary>
    protected static int PageSize(int? requested) =>
        requested is null ? 20
        : requested is >= 1 and <= Engine.Persistence.PageRequest.MaxSize ? requested.Value
        : throw new Inputs.BadRequestException(ProblemCodes.InvalidPageSize, $"'pageSize' must be between 1 and {Engine.Persistence.PageRequest.MaxSize}, not {requested}.",
            new Dictionary<string, object?> { ["pageSize"] = requested, ["min"] = 1, ["max"] = Engine.Persistence.PageRequest.MaxSize });

    /// <summary>
    /// The <c>page</c> asked for: a number (1-based), <c>last</c>, or a position from a link; <c>400 INVALID_PAGE</c> otherwise,
    /// and <c>400 PAGE_TOO_DEEP</c> for a numbered page beyond <see cref="Paging.PageToken.MaxNumberedRows"/> rows.
    /// </summary>
    protected static Paging.PageToken PageOf(string? page, int pageSize = 20)
    {
        if (!Paging.PageToken.TryParse(page, out var token))
        {
            throw new Inputs.BadRequestException(ProblemCodes.InvalidPage, "'page' must be a page number (1, 2, …), 'last', or a value from the first/next/prev/last links.",
                new Dictionary<string, object?> { ["page"] = page });
        }

        if (token.Numbered && (long)(token.Number - 1) * pageSize > Paging.PageToken.MaxNumberedRows)
        {
            throw new Inputs.BadRequestException(ProblemCodes.PageTooDeep,
                $"Page {token.Number} of {pageSize} starts beyond row {Paging.PageToken.MaxNumberedRows}; follow the next/last links to go that deep.",
                new Dictionary<string, object?> { ["page"] = token.Number, ["pageSize"] = pageSize, ["maxRows"] = Paging.PageToken.MaxNumberedRows });
        }

        return token;
    }
}
