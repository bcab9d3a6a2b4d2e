namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    /// <summary>
    /// Word-wrapped text, one <c>tspan</c> a line, centred on (<paramref name="cx"/>,<paramref name="cy"/>)
    /// (or starting at x with <paramref name="left"/>, top at cy).
    /// </summary>
    private void Label(string? text, double cx, double cy, double width, bool left = false, string? transform = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var lines = Wrap(text, width);
        Start("text");
        Attr("class", left ? "label left" : "label");
        if (transform is not null)
        {
            Attr("transform", transform);
        }

        var top = left ? cy + 11 : cy - ((lines.Count - 1) * LineHeight / 2) + 4;
        for (var i = 0; i < lines.Count; i++)
        {
            Start("tspan");
            Attr("x", cx);
            Attr("y", top + (i * LineHeight));
            _w.WriteString(lines[i]);
            _w.WriteEndElement();
        }

        _w.WriteEndElement();
    }

    /// <summary>Greedy word wrap of a label by estimated glyph width; words longer than a line are cut; explicit line breaks kept.</summary>
    /// <param name="text">The label.</param>
    /// <param name="width">The room for one line, in pixels.</param>
    public static List<string> Wrap(string text, double width)
    {
        var max = Math.Max(3, (int)(width / CharWidth));
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var raw in paragraph.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                // A word is never split: modellers let a long word run past a narrow label rather than break it
                // ("Rejecte" / "d"), unless it is far too long for any line.
                var word = raw;
                while (word.Length > max * 2)
                {
                    if (line.Length > 0)
                    {
                        lines.Add(line);
                        line = string.Empty;
                    }

                    lines.Add(word[..max]);
                    word = word[max..];
                }

                if (line.Length == 0)
                {
                    line = word;
                }
                else if (line.Length + 1 + word.Length <= max)
                {
                    line += " " + word;
                }
                else
                {
                    lines.Add(line);
                    line = word;
                }
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
