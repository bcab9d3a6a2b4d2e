using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Identity;

/// <summary>Tells a browser's page request (HTML preferred in <c>Accept</c>) from an API client's.</summary>
public static class BrowserRequests
{
    public static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        var best = accepted.Where(a => !a.MatchesAllTypes && !a.MatchesAllSubTypes)
            .OrderByDescending(a => a.Quality ?? 1.0)
            .FirstOrDefault();
        return best is not null && (best.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || best.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
    }
}
