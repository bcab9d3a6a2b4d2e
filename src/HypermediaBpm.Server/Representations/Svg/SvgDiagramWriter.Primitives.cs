using System.Globalization;
using System.Text.RegularExpressions;

namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    /// <summary>Average glyph width of the 12px sans-serif labels (the narrowest line a label is wrapped to is three of them).</summary>
    private const double CharWidth = 6.4;

    /// <summary>The label font size, in pixels, as in the style sheet.</summary>
    private const double FontSize = 12;
    private const double LineHeight = 14;

    /// <summary>
    /// The style sheet. DI colours arrive as the custom properties <c>--fill</c>/<c>--stroke</c> so that the
    /// state classes can still override them; renderers without <c>var()</c> keep the plain declaration before it.
    /// </summary>
    private const string StyleSheet = """
        .bpmn-diagram{font-family:Arial,Helvetica,sans-serif;font-size:12px}
        .bpmn-diagram text{fill:#222;stroke:none}
        .outline{fill:#fff;fill:var(--fill,#fff);stroke:#222;stroke:var(--stroke,#222);stroke-width:2}
        .container .outline,.bpmn-lane .outline,.bpmn-participant .outline{fill:none;stroke-width:1.5}
        .band{fill:none;stroke:#222;stroke:var(--stroke,#222);stroke-width:1.5}
        .thick{stroke-width:4}
        .thin{stroke-width:1.2}
        .dashed{stroke-dasharray:8 4}
        .dotted{stroke-dasharray:2 3}
        .icon{fill:none;stroke:#222;stroke-width:1.5}
        .icon.filled{fill:#222}
        .icon.white{fill:#fff}
        .flow{fill:none;stroke:#222;stroke:var(--stroke,#222);stroke-width:1.5}
        .bpmn-messageFlow .flow{stroke-dasharray:8 5}
        .bpmn-association .flow,.bpmn-dataAssociation .flow{stroke-dasharray:2 3}
        .label{text-anchor:middle}
        .label.left{text-anchor:start}
        .completed .outline{fill:#edf7ee;stroke:#2e7d32}
        .active .outline{stroke:#1565c0;stroke-width:4;fill:#e3f2fd}
        .taken .flow{stroke:#2e7d32;stroke-width:3}
        .incident .outline{stroke:#c62828;stroke-width:4;fill:#ffebee}
        .heat-1 .outline{fill:#fff3d6}
        .heat-2 .outline{fill:#ffd98a}
        .heat-3 .outline{fill:#ffa65c}
        .heat-4 .outline{fill:#f4734b}
        .badge circle{fill:#1565c0;stroke:#fff;stroke-width:1.5}
        .incident .badge circle{fill:#c62828}
        .bpmn-diagram .badge text{fill:#fff;font-size:11px;font-weight:bold;text-anchor:middle}
        a:hover .outline,a:focus .outline{stroke:#1565c0}
        """;

    private static readonly Regex SafeColour = new("^(#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,20})$", RegexOptions.CultureInvariant);

    private void WriteStyle()
    {
        Start("style");
        _w.WriteString(StyleSheet);
        _w.WriteEndElement();
    }

    /// <summary>Line ends, each defined once: sequence flow (plain and taken), message flow start and end, conditional diamond, association arrow.</summary>
    private void WriteDefs()
    {
        Start("defs");
        Marker("seq-end", 10, 5, "M0,0 L10,5 L0,10 Z", "fill:#222;stroke:#222");
        Marker("seq-end-taken", 10, 5, "M0,0 L10,5 L0,10 Z", "fill:#2e7d32;stroke:#2e7d32");
        Marker("msg-end", 10, 5, "M0,0 L10,5 L0,10 Z", "fill:#fff;stroke:#222");
        Marker("msg-start", 5, 5, "M1,5 A4,4 0 1 1 9,5 A4,4 0 1 1 1,5 Z", "fill:#fff;stroke:#222");
        Marker("cond-start", 0, 5, "M0,5 L7,0 L14,5 L7,10 Z", "fill:#fff;stroke:#222", width: 14);
        Marker("assoc-end", 10, 5, "M0,0 L10,5 L0,10", "fill:none;stroke:#222");
        _w.WriteEndElement();
    }

    private void Marker(string id, double refX, double refY, string path, string style, double width = 10)
    {
        Start("marker");
        Attr("id", id);
        Attr("viewBox", $"-1 -1 {F(width + 2)} 12");
        Attr("refX", refX);
        Attr("refY", refY);
        Attr("markerWidth", width + 2);
        Attr("markerHeight", 12);
        Attr("markerUnits", "userSpaceOnUse");
        Attr("orient", "auto");
        Path(path, null, style: style);
        _w.WriteEndElement();
    }

    /// <summary>Opens the one top-level group of a shape or edge, and inside it the link when the state gives one.</summary>
    private void OpenGroup(string id, string kind, string type, string? extraClass, string? fill, string? stroke)
    {
        Start("g");
        var state = _state.ClassesOf(id);
        Attr("class", string.Join(' ', new[] { kind, "bpmn-" + type, extraClass, state }.Where(c => !string.IsNullOrEmpty(c))));
        Attr("data-element-id", id);
        var colours = new List<string>(2);
        if (Colour(fill) is { } f)
        {
            colours.Add("--fill:" + f);
        }

        if (Colour(stroke) is { } s)
        {
            colours.Add("--stroke:" + s);
        }

        if (colours.Count > 0)
        {
            Attr("style", string.Join(';', colours));
        }

        if (_state.Links.TryGetValue(id, out var href))
        {
            // SVG 2 reads href, SVG 1.1 renderers xlink:href: both carry the same URI.
            Start("a");
            Attr("href", href);
            _w.WriteAttributeString("xlink", "href", XlinkNamespace, href);

            // Inside an HTML page's <object>, a link opens the page, not a page inside the diagram's frame.
            Attr("target", "_top");
        }
    }

    private void CloseGroup(string id)
    {
        if (_state.Links.ContainsKey(id))
        {
            _w.WriteEndElement();
        }

        _w.WriteEndElement();
    }

    /// <summary>A count badge at the top right of a shape.</summary>
    private void Badge(string id, double x, double y)
    {
        if (!_state.Counts.TryGetValue(id, out var count) || count <= 0)
        {
            return;
        }

        Start("g");
        Attr("class", "badge");
        Circle(x, y, 10, null);
        Text(x, y + 4, count.ToString(CultureInfo.InvariantCulture), null);
        _w.WriteEndElement();
    }

    private static string? Colour(string? value) => value is not null && SafeColour.IsMatch(value) ? value : null;

    private void Start(string name) => _w.WriteStartElement(name, SvgNamespace);

    private void Attr(string name, string value) => _w.WriteAttributeString(name, value);

    private void Attr(string name, double value) => _w.WriteAttributeString(name, F(value));

    private static string F(double value) =>
        double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";

    private void Rect(double x, double y, double width, double height, double radius, string? cssClass, string? style = null)
    {
        Start("rect");
        Attr("x", x);
        Attr("y", y);
        Attr("width", Math.Max(0, width));
        Attr("height", Math.Max(0, height));
        if (radius > 0)
        {
            Attr("rx", radius);
        }

        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        if (style is not null)
        {
            Attr("style", style);
        }

        _w.WriteEndElement();
    }

    private void Circle(double cx, double cy, double r, string? cssClass)
    {
        Start("circle");
        Attr("cx", cx);
        Attr("cy", cy);
        Attr("r", Math.Max(0, r));
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        _w.WriteEndElement();
    }

    private void Path(string d, string? cssClass, string? transform = null, string? style = null)
    {
        Start("path");
        Attr("d", d);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        if (transform is not null)
        {
            Attr("transform", transform);
        }

        if (style is not null)
        {
            Attr("style", style);
        }

        _w.WriteEndElement();
    }

    /// <summary>A path drawn in a unit frame centred on (0,0), moved to (<paramref name="cx"/>,<paramref name="cy"/>) and scaled.</summary>
    private void Glyph(string d, string cssClass, double cx, double cy, double scale) =>
        Path(d, cssClass, $"translate({F(cx)},{F(cy)}) scale({F(scale)})");

    private void Text(double x, double y, string text, string? cssClass)
    {
        Start("text");
        Attr("x", x);
        Attr("y", y);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        _w.WriteString(text);
        _w.WriteEndElement();
    }
}
