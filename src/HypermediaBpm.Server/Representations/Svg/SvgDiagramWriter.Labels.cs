namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    /// <summary>
    /// The most characters of a label drawn; a longer one is cut and ends in <c>…</c>. Names of flow elements are
    /// bounded at deploy, but pools, lanes and text annotations are not, and no reader takes in more than this on a
    /// diagram; the bound also keeps the wrapping (which measures and cuts words) from growing with the model.
    /// </summary>
    public const int MaxLabelCharacters = 1000;

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

    /// <summary>
    /// Greedy word wrap of a label by estimated text width (<see cref="TextWidth"/>); words longer than twice a
    /// line are cut; explicit line breaks kept; at most <see cref="MaxLabelCharacters"/> characters.
    /// </summary>
    /// <param name="text">The label.</param>
    /// <param name="width">The room for one line, in pixels.</param>
    public static List<string> Wrap(string text, double width)
    {
        if (text.Length > MaxLabelCharacters)
        {
            text = text[..(MaxLabelCharacters - 1)] + "…";
        }

        width = Math.Max(3 * CharWidth, width);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var raw in paragraph.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                // A word is never split: modellers let a long word run past a narrow label rather than break it
                // ("Rejecte" / "d"), unless it is far too long for any line.
                var word = raw;
                while (TextWidth(word) > width * 2)
                {
                    if (line.Length > 0)
                    {
                        lines.Add(line);
                        line = string.Empty;
                    }

                    var cut = Math.Max(1, Fitting(word, width));
                    lines.Add(word[..cut]);
                    word = word[cut..];
                }

                if (line.Length == 0)
                {
                    line = word;
                }
                else if (TextWidth(line + " " + word) <= width)
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

    /// <summary>
    /// The width of <paramref name="text"/> in the 12px label font, from the advance widths of Arial (the font the
    /// style sheet asks for first, and the one modelling tools size their label boxes for). One average width for
    /// every character would make "Start Event" too wide for the 63px box a tool drew for it, and wrap it.
    /// </summary>
    public static double TextWidth(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            units += c switch
            {
                'i' or 'j' or 'l' or '\'' or '|' => 222,
                ' ' or 'f' or 't' or 'I' or '.' or ',' or ':' or ';' or '!' or '/' or '\\' => 278,
                'r' or '(' or ')' or '[' or ']' or '-' or '"' => 333,
                'c' or 'k' or 's' or 'v' or 'x' or 'y' or 'z' or 'J' => 500,
                'm' or 'M' => 833,
                'w' => 722,
                'W' => 944,
                'C' or 'D' or 'G' or 'H' or 'N' or 'O' or 'Q' or 'R' or 'U' => 722,
                'F' or 'T' or 'Z' => 611,
                'L' => 556,
                >= 'A' and <= 'Z' => 667,
                >= '\u0080' => 600,
                _ => 556,
            };
        }

        return units * FontSize / 1000.0;
    }

    /// <summary>How many leading characters of <paramref name="word"/> fit in <paramref name="width"/>.</summary>
    private static int Fitting(string word, double width)
    {
        var n = 0;
        while (n < word.Length && TextWidth(word[..(n + 1)]) <= width)
        {
            n++;
        }

        return n;
    }
}
