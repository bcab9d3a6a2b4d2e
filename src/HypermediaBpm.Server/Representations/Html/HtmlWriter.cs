using System.Text;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// The one place HTML is written. Text and attribute values always go through the encoder, so a process
/// name, a variable or a task name holding <c>&lt;script&gt;</c> shows as text; only <see cref="Raw"/>
/// writes markup as it is, and it is used for HTML this server produced itself (Markdig output with raw HTML
/// disabled, for instance).
/// </summary>
public sealed class HtmlWriter
{
    private readonly StringBuilder _html = new(16 * 1024);

    /// <summary>An attribute; a null value leaves the attribute out, an empty one writes a boolean attribute.</summary>
    public readonly record struct Attr(string Name, string? Value)
    {
        public static implicit operator Attr((string Name, string? Value) pair) => new(pair.Name, pair.Value);
    }

    /// <summary>
    /// Encodes the five characters that matter in HTML text and in double-quoted attribute values; everything else
    /// (accents, CJK, '+' in media types) stays readable.
    /// </summary>
    private static void AppendEncoded(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Markup produced by this server, written unchanged.</summary>
    public HtmlWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            AppendEncoded(_html, text);
        }

        return this;
    }

    public HtmlWriter Open(string tag, params Attr[] attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            _html.Append(' ').Append(name);
            if (value.Length > 0)
            {
                _html.Append("=\"");
                AppendEncoded(_html, value);
                _html.Append('"');
            }
        }

        _html.Append('>');
        return this;
    }

    /// <summary>A void element (<c>input</c>, <c>link</c>, <c>meta</c>): no content, no end tag.</summary>
    public HtmlWriter Void(string tag, params Attr[] attributes) => Open(tag, attributes);

    public HtmlWriter Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlWriter Element(string tag, string? text, params Attr[] attributes) => Open(tag, attributes).Text(text).Close(tag);

    public HtmlWriter Line()
    {
        _html.Append('\n');
        return this;
    }

    public override string ToString() => _html.ToString();
}
