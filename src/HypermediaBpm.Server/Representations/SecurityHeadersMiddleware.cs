using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// The browser-facing security headers of every answer — pages, problem pages, 404s, the style sheet, documents,
/// feeds, diagrams, JSON — decided once, when the response starts, from its final <c>Content-Type</c> (a problem
/// replaces the representation that was going to be written, so nothing earlier knows what goes out).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every answer: <c>X-Content-Type-Options: nosniff</c> (JSON or a model's text is never run as script or
/// read as HTML) and <c>Referrer-Policy: same-origin</c> (instance and task URIs stay on this server).</item>
/// <item>HTML: <see cref="HtmlPolicy"/>. The pages have no script and no inline style, so any script that got in
/// would not run, and no other site may frame them (clickjacking) or receive their forms.</item>
/// <item>SVG: <see cref="SvgPolicy"/>. A diagram opened on its own is a document too; sandboxed without
/// <c>allow-scripts</c> it can run none, while its shape links (<c>target="_top"</c>) still open the page when
/// clicked inside the HTML page's <c>&lt;object&gt;</c>, which may embed it (no <c>frame-ancestors 'none'</c>).</item>
/// <item>Everything else: <see cref="OtherPolicy"/>: nothing to load, no script, no framing.</item>
/// </list>
/// Registered first, before the problem middleware: <c>Response.Clear()</c> there drops headers but not
/// <c>OnStarting</c> callbacks. Answers Kestrel gives before any middleware runs (a malformed request line) are not covered.
/// </remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string HtmlPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public const string SvgPolicy = "sandbox allow-top-navigation-by-user-activation; frame-ancestors 'self'";

    public const string OtherPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpResponse)state);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    private static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = PolicyFor(response.ContentType);
    }

    /// <summary>The Content-Security-Policy for an answer of <paramref name="contentType"/> (null: no body).</summary>
    public static string PolicyFor(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var type) && type is not null)
        {
            if (type.MediaType.Equals(MediaTypes.Html, StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
            {
                return HtmlPolicy;
            }

            if (type.MediaType.Equals(MediaTypes.Svg, StringComparison.OrdinalIgnoreCase))
            {
                return SvgPolicy;
            }
        }

        return OtherPolicy;
    }
}
