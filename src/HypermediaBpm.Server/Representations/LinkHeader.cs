using System.Text;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// The HTTP <c>Link</c> header (RFC 8288) of a resource, so that every representation — SVG and BPMN XML
/// included — carries its links: every non-templated link except <c>item</c> (members are in the body, and a
/// page of them would bloat every response). <c>rel</c> is always quoted, so CURIEs read <c>rel="bpm:tasks"</c>.
/// </summary>
public static class LinkHeader
{
    /// <summary>The header value, or null when there is nothing to link.</summary>
    public static string? For(Resource resource)
    {
        var values = resource.Links
            .Where(l => !l.Templated && l.Rel != Rels.Item)
            .Select(Format)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    /// <summary>One link value: <c>&lt;/tasks/1&gt;; rel="self"; title="Approve"; type="..."</c>.</summary>
    public static string Format(Link link)
    {
        var builder = new StringBuilder();
        builder.Append('<').Append(AsciiUri(link.Href)).Append(">; rel=\"").Append(link.Rel).Append('"');
        if (link.Title is { } title)
        {
            AppendTitle(builder, title);
        }

        if (link.Type is { } type)
        {
            builder.Append("; type=\"").Append(type).Append('"');
        }

        return builder.ToString();
    }

    /// <summary>
    /// A URI with everything outside printable ASCII percent-encoded (as UTF-8), because header values must be
    /// ASCII and servers refuse to send anything else.
    /// </summary>
    public static string AsciiUri(string uri)
    {
        if (uri.All(c => c is > ' ' and < '\u007f' && c is not '<' and not '>' and not '"'))
        {
            return uri;
        }

        var builder = new StringBuilder(uri.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in uri.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7f && rune.Value is not '<' and not '>' and not '"')
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>ASCII titles as a quoted string; others as RFC 8187 <c>title*=UTF-8''...</c>.</summary>
    private static void AppendTitle(StringBuilder builder, string title)
    {
        if (title.All(c => c is >= ' ' and < '\u007f'))
        {
            builder.Append("; title=\"").Append(title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            return;
        }

        builder.Append("; title*=UTF-8''").Append(Uri.EscapeDataString(title));
    }
}
