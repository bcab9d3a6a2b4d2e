using System.Buffers;
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
    // Printable ASCII but the characters that end or break a URI reference in the header; titles: printable ASCII.
    private static readonly SearchValues<char> PlainUri = SearchValues.Create(
        "!#$%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // The header is built on every response (1–2 KB on an instance): one builder per thread, kept between responses, so
    // that only the header's string itself is allocated, not a builder growing chunk by chunk (the largest share of the
    // bytes a start or complete allocated, issue 18). A builder that grew past the bound is dropped, not kept.
    private const int KeptCapacity = 8 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static List<(int Start, int Length)>? t_written;

    /// <summary>The header value, or null when there is nothing to link.</summary>
    /// <remarks>
    /// One builder for the whole value and a span scan per URI and title, no LINQ: it runs on every response, and
    /// formatting link by link with LINQ was the largest share of our own code on <c>GET /</c> (issue 18). A value equal
    /// to one already written is left out, as before.
    /// </remarks>
    public static string? For(Resource resource)
    {
        var builder = RentBuilder();
        var written = t_written ??= new List<(int Start, int Length)>(32);
        written.Clear();
        foreach (var link in resource.Links)
        {
            if (link.Templated || link.Rel == Rels.Item)
            {
                continue;
            }

            var start = builder.Length;
            if (start > 0)
            {
                builder.Append(", ");
            }

            var valueStart = builder.Length;
            Append(builder, link);
            if (IsRepeat(builder, written, valueStart, builder.Length - valueStart))
            {
                builder.Length = start;
                continue;
            }

            written.Add((valueStart, builder.Length - valueStart));
        }

        var value = builder.Length == 0 ? null : builder.ToString();
        ReturnBuilder(builder);
        return value;
    }

    private static StringBuilder RentBuilder()
    {
        var builder = t_builder ?? new StringBuilder(1024);
        t_builder = null;
        return builder.Clear();
    }

    private static void ReturnBuilder(StringBuilder builder)
    {
        if (builder.Capacity <= KeptCapacity)
        {
            t_builder = builder;
        }
    }

    /// <summary>One link value: <c>&lt;/tasks/1&gt;; rel="self"; title="Approve"; type="..."</c>.</summary>
    public static string Format(Link link)
    {
        var builder = new StringBuilder();
        Append(builder, link);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Link link)
    {
        builder.Append('<').Append(AsciiUri(link.Href)).Append(">; rel=\"").Append(link.Rel).Append('"');
        if (link.Title is { } title)
        {
            AppendTitle(builder, title);
        }

        if (link.Type is { } type)
        {
            builder.Append("; type=\"").Append(type).Append('"');
        }
    }

    /// <summary>Whether the value just written at <paramref name="start"/> equals one written before.</summary>
    private static bool IsRepeat(StringBuilder builder, List<(int Start, int Length)> written, int start, int length)
    {
        foreach (var (s, l) in written)
        {
            if (l != length)
            {
                continue;
            }

            var same = true;
            for (var i = 0; i < length && same; i++)
            {
                same = builder[s + i] == builder[start + i];
            }

            if (same)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A URI with everything outside printable ASCII percent-encoded (as UTF-8), because header values must be
    /// ASCII and servers refuse to send anything else.
    /// </summary>
    public static string AsciiUri(string uri)
    {
        if (!uri.AsSpan().ContainsAnyExcept(PlainUri))
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
        if (!title.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            builder.Append("; title=\"").Append(title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            return;
        }

        builder.Append("; title*=UTF-8''").Append(Uri.EscapeDataString(title));
    }
}
