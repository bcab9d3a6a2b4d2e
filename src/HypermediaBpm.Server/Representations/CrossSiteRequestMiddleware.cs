using HypermediaBpm.Server.Problems;
using Microsoft.AspNetCore.Antiforgery;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Refuses every unsafe request (anything but GET, HEAD, OPTIONS, TRACE) that a browser sends on behalf of
/// another site, with <c>403 CROSS_SITE_REQUEST_REFUSED</c>, whatever credentials it carries: a page elsewhere can
/// make a visitor's browser post a form, <c>text/plain</c> or an empty body to any address without asking (no
/// CORS preflight), with the visitor's cookies and remembered Basic credentials. The one exception is a form post
/// carrying a valid antiforgery token (<see cref="BrowserFormAntiforgeryFilter"/>); without one it gets
/// <c>400 ANTIFORGERY_TOKEN_INVALID</c> as it always did.
/// </summary>
/// <remarks>
/// A browser says where a request comes from: <c>Sec-Fetch-Site</c> (<c>same-origin</c>, <c>same-site</c>,
/// <c>cross-site</c>, <c>none</c>) and <c>Origin</c> (always sent with a POST, PUT, PATCH or DELETE). A request is
/// cross-origin when <c>Sec-Fetch-Site</c> is <c>cross-site</c>; or <c>same-site</c> (another port or subdomain,
/// which may be someone else's) or unknown and the <c>Origin</c> is not this server's; or when an <c>Origin</c> is
/// sent and is not this server's (scheme, host and port compared with the request's own; <c>null</c> never is).
/// Clients that are no browser (curl, workers, other servers) send neither header and pass.
/// </remarks>
public sealed class CrossSiteRequestMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsUnsafe(request.Method) || Reason(request) is not { } reason)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (request.HasFormContentType)
        {
            // Checked here as well as in the MVC filter, so no endpoint outside MVC can forget it.
            await BrowserFormAntiforgeryFilter.ValidateAsync(antiforgery, context).ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
            return;
        }

        throw new HttpProblemException(StatusCodes.Status403Forbidden, ProblemCodes.CrossSiteRequestRefused,
            $"A browser sent this {request.Method} on behalf of another site ({reason}). This server takes changes only from its own pages and from clients that are not browsers.",
            new Dictionary<string, object?>
            {
                ["reason"] = reason,
                ["method"] = request.Method,
                ["origin"] = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : null,
                ["secFetchSite"] = request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site ? site : null,
                ["expectedOrigin"] = OwnOrigin(request),
            });
    }

    /// <summary>Why the request is cross-origin, or null when it is not (or comes from no browser).</summary>
    private static string? Reason(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString().Trim();
        var origin = request.Headers.Origin.ToString().Trim();
        var ownOrigin = origin.Length > 0 && IsOwnOrigin(origin, request);
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return "Sec-Fetch-Site: cross-site";
        }

        if (origin.Length > 0 && !ownOrigin)
        {
            return $"Origin {origin} is not {OwnOrigin(request)}";
        }

        if (site.Length > 0 && !site.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !site.Equals("none", StringComparison.OrdinalIgnoreCase) && !ownOrigin)
        {
            return $"Sec-Fetch-Site: {site} without this server's Origin";
        }

        return null;
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Whether <paramref name="origin"/> (RFC 6454 serialisation) names the scheme, host and port the request was sent to.</summary>
    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query)
            || !request.Host.HasValue || !Uri.TryCreate($"{request.Scheme}://{request.Host.Value}/", UriKind.Absolute, out var own))
        {
            return false;
        }

        return uri.Scheme.Equals(own.Scheme, StringComparison.OrdinalIgnoreCase)
            && uri.IdnHost.Equals(own.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == own.Port;
    }

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";
}
