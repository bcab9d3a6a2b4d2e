using System.Globalization;
using System.Xml;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>
/// The inputs of an HTTP service task (<c>http-connector</c>) and what each one must be. The same rules refuse a
/// model whose literal inputs can never work at deploy time and a call whose computed inputs are wrong at run time,
/// so a value is never accepted in one place and refused in the other.
/// </summary>
public static class HttpConnectorInputs
{
    public const string Url = "url";
    public const string Method = "method";
    public const string Headers = "headers";
    public const string Payload = "payload";
    public const string Timeout = "timeout";
    public const string Retries = "retries";
    public const string RetryBackoff = "retryBackoff";
    public const string FollowRedirects = "followRedirects";

    /// <summary>
    /// Methods a task may not use: <c>CONNECT</c> asks the peer to open a tunnel to yet another address, which is a
    /// proxy's business, not a service call's.
    /// </summary>
    private static readonly HashSet<string> RefusedMethods = new(StringComparer.OrdinalIgnoreCase) { "CONNECT" };

    /// <summary>Null when <paramref name="url"/> is an absolute <c>http</c>/<c>https</c> URL with a host; otherwise why not.</summary>
    public static string? WhyUrlInvalid(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return $"'{Shorten(url)}' is not an absolute URL";
        }

        return WhySchemeInvalid(uri.Scheme) ?? (string.IsNullOrEmpty(uri.Host) ? $"'{Shorten(url)}' names no host" : null);
    }

    /// <summary>Null for <c>http</c> and <c>https</c>; the calls go to web services, never to files or other schemes.</summary>
    public static string? WhySchemeInvalid(string scheme) =>
        scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the scheme '{scheme}' is not http or https";

    /// <summary>Null when <paramref name="method"/> is an HTTP method token (RFC 9110 §9.1) a task may send; otherwise why not.</summary>
    public static string? WhyMethodInvalid(string method)
    {
        var trimmed = method.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 32 || !trimmed.All(IsTokenChar))
        {
            return $"'{Shorten(method)}' is not an HTTP method";
        }

        return RefusedMethods.Contains(trimmed) ? $"the method {trimmed.ToUpperInvariant()} is not allowed" : null;
    }

    /// <summary>A positive ISO 8601 duration (<c>PT10S</c>); false with why not.</summary>
    public static bool TryParseTimeout(string text, out TimeSpan timeout, out string? why)
    {
        if (!TryParseDuration(text, out timeout) || timeout <= TimeSpan.Zero)
        {
            why = $"the timeout '{Shorten(text)}' is not a positive ISO 8601 duration such as PT30S";
            return false;
        }

        why = null;
        return true;
    }

    /// <summary>An ISO 8601 duration of zero or more (<c>PT30S</c>); false with why not.</summary>
    public static bool TryParseBackoff(string text, out TimeSpan backoff, out string? why)
    {
        if (!TryParseDuration(text, out backoff) || backoff < TimeSpan.Zero)
        {
            why = $"the retryBackoff '{Shorten(text)}' is not an ISO 8601 duration of zero or more";
            return false;
        }

        why = null;
        return true;
    }

    /// <summary>
    /// How many times the call is made before an incident: the number given, and at least once — <c>0</c> or less
    /// means "no retry", never "never try" (a job nobody may lock would hold its instance for ever).
    /// </summary>
    public static bool TryParseTries(string text, out int tries)
    {
        var parsed = int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n);
        tries = parsed ? Math.Max(1, n) : 0;
        return parsed;
    }

    public static bool TryParseFollowRedirects(string text, out bool follow) => bool.TryParse(text.Trim(), out follow);

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            duration = default;
            return false;
        }
    }

    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
