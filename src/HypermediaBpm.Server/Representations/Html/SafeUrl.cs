using System.Net;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// Which URLs written by someone else (a model's documentation) may become a link or an image: <c>http</c>,
/// <c>https</c>, <c>mailto</c> and relative references. Everything else — <c>javascript:</c>, <c>data:</c>,
/// <c>vbscript:</c>, <c>file:</c>, schemes nobody has heard of — is refused, however it is spelt.
/// </summary>
public static class SafeUrl
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>Whether <paramref name="url"/> may be written into an <c>href</c> or <c>src</c>.</summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // The scheme is judged on what a browser would read: character references decoded (in case a writer
        // passes them through), and without the tabs, line breaks, controls and spaces that URL parsing drops
        // or that hide a scheme from a naive test ("java\tscript:", " javascript:").
        var decoded = WebUtility.HtmlDecode(url);
        var visible = new string(decoded.Where(c => c > ' ' && c != '\u007f').ToArray());
        var colon = visible.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        // A colon after the first '/', '?' or '#' is inside a relative reference's path, query or fragment.
        var delimiter = visible.IndexOfAny(['/', '?', '#']);
        if (delimiter >= 0 && delimiter < colon)
        {
            return true;
        }

        // Anything before the colon counts as a scheme, even characters a scheme cannot hold: refusing a strange
        // relative path costs a link, accepting a disguised scheme would run script.
        var scheme = visible[..colon];
        return AllowedSchemes.Any(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
    }
}
