using HypermediaBpm.Server.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Cross-site request forgery protection for the HTML forms: a form post (urlencoded or multipart) made by a
/// browser must carry the antiforgery token of a page this server gave out, or it is refused with
/// <c>400 ANTIFORGERY_TOKEN_INVALID</c>. A browser is recognised by what every browser sends with a form post
/// and scripts such as curl do not: <c>Origin</c>, <c>Sec-Fetch-Site</c> or a cookie. Every other unsafe request
/// a browser sends from another site — JSON, <c>text/plain</c>, an empty body — is refused before it gets here,
/// by <see cref="CrossSiteRequestMiddleware"/>.
/// </summary>
public sealed class BrowserFormAntiforgeryFilter(IAntiforgery antiforgery) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.HasFormContentType || !IsBrowser(request))
        {
            return;
        }

        await ValidateAsync(antiforgery, context.HttpContext).ConfigureAwait(false);
    }

    /// <summary>Checks the form's antiforgery token against its cookie; throws <c>400 ANTIFORGERY_TOKEN_INVALID</c> when they do not match.</summary>
    public static async Task ValidateAsync(IAntiforgery antiforgery, HttpContext context)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException ex)
        {
            throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.AntiforgeryInvalid,
                "The form did not carry a valid antiforgery token: it was sent from an old page, another site, or with cookies blocked.",
                new Dictionary<string, object?> { ["reason"] = ex.Message });
        }
    }

    /// <summary>Whether the request comes from a browser (which could be made to post by another site).</summary>
    public static bool IsBrowser(HttpRequest request) =>
        request.Headers.ContainsKey("Origin") || request.Headers.ContainsKey("Sec-Fetch-Site") || request.Headers.ContainsKey("Cookie");
}
