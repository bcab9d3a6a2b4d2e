using System.Text;
using System.Xml;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

/// <summary>
/// Draws a BPMN model as SVG from its BPMN DI (or, without DI, from an <see cref="AutoLayout"/>), optionally
/// with live state. Every DI shape and every DI edge becomes exactly one <c>&lt;g&gt;</c> child of the
/// <c>g.bpmn-diagram</c> group, carrying <c>data-element-id</c> and classes such as <c>bpmn-shape bpmn-userTask</c>.
/// All text goes through <see cref="XmlWriter"/>, so names are escaped; the document has no scripts and no
/// external fonts, only an inline style sheet.
/// </summary>
public sealed partial class SvgDiagramWriter
{
    /// <summary>The SVG namespace.</summary>
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";
    private const double Margin = 20;

    private readonly XmlWriter _w;
    private readonly DiagramElements _elements;
    private readonly DiagramState _state;

    private SvgDiagramWriter(XmlWriter writer, BpmnDefinitions definitions, DiagramState state)
    {
        _w = writer;
        _elements = new DiagramElements(definitions);
        _state = state;
    }

    /// <summary>The diagram that <see cref="Write(BpmnDefinitions, DiagramState?)"/> draws (null: the model has no DI and is laid out automatically).</summary>
    public static Diagram? SelectDiagram(BpmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return DiagramElements.Select(definitions);
    }

    /// <summary>Renders <paramref name="definitions"/> as an SVG document string.</summary>
    public static string Write(BpmnDefinitions definitions, DiagramState? state = null)
    {
        // Through UTF-8 bytes, so the declaration says UTF-8 (a StringBuilder would make it UTF-16).
        using var buffer = new MemoryStream();
        Write(buffer, definitions, state);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Renders <paramref name="definitions"/> as an SVG document (UTF-8) to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, BpmnDefinitions definitions, DiagramState? state = null)
    {
        using var writer = XmlWriter.Create(stream, Settings());
        Write(writer, definitions, state, null);
    }

    /// <summary>
    /// Renders one chosen <paramref name="diagram"/> of <paramref name="definitions"/> (one of its
    /// <see cref="BpmnDefinitions.Diagrams"/>) as an SVG document string. A file may hold several BPMNDiagrams,
    /// for example one per collaboration, and the default choice draws only one of them.
    /// </summary>
    public static string Write(BpmnDefinitions definitions, Diagram diagram, DiagramState? state = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(diagram);
        if (!definitions.Diagrams.Contains(diagram))
        {
            throw new ArgumentException("The diagram is not one of the model's diagrams.", nameof(diagram));
        }

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings()))
        {
            Write(writer, definitions, state, diagram);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static XmlWriterSettings Settings() => new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        CloseOutput = false,
        CheckCharacters = false,
    };

    private static void Write(XmlWriter writer, BpmnDefinitions definitions, DiagramState? state, Diagram? chosen)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var diagram = chosen ?? DiagramElements.Select(definitions) ?? AutoLayout.Layout(definitions);
        new SvgDiagramWriter(writer, definitions, state ?? new DiagramState()).WriteDocument(definitions, diagram);
    }

    private void WriteDocument(BpmnDefinitions definitions, Diagram diagram)
    {
        var (minX, minY, width, height) = ViewBox(diagram);
        _w.WriteStartDocument();
        _w.WriteStartElement("svg", SvgNamespace);
        _w.WriteAttributeString("xmlns", "xlink", null, XlinkNamespace);
        Attr("viewBox", $"{F(minX)} {F(minY)} {F(width)} {F(height)}");
        Attr("width", width);
        Attr("height", height);
        Attr("class", "bpmn");
        if (diagram.Id is not null)
        {
            Attr("data-diagram-id", diagram.Id);
        }

        var title = definitions.MainProcess?.DisplayName ?? definitions.Name ?? diagram.Name;
        if (!string.IsNullOrWhiteSpace(title))
        {
            _w.WriteElementString("title", SvgNamespace, title);
        }

        WriteStyle();
        WriteDefs();
        Start("g");
        Attr("class", "bpmn-diagram");
        foreach (var shape in OrderedShapes(diagram, containers: true))
        {
            WriteShape(shape);
        }

        foreach (var edge in diagram.Edges.Where(e => !IsMessageFlow(e)))
        {
            WriteEdge(edge);
        }

        foreach (var shape in OrderedShapes(diagram, containers: false))
        {
            WriteShape(shape);
        }

        // Message flows last: they start with a circle centred on their source's border, which the shape
        // would otherwise paint half over.
        foreach (var edge in diagram.Edges.Where(IsMessageFlow))
        {
            WriteEdge(edge);
        }

        _w.WriteEndElement();
        _w.WriteEndElement();
        _w.WriteEndDocument();
    }

    /// <summary>
    /// Containers (pools, lanes, expanded subprocesses, groups) first, the largest first, so nothing inside them
    /// is painted over; then the edges but message flows; then every other shape, boundary events last so they
    /// sit on their activity; then the message flows.
    /// </summary>
    private IEnumerable<DiagramShape> OrderedShapes(Diagram diagram, bool containers)
    {
        var chosen = diagram.Shapes.Where(s => IsContainer(s) == containers);
        return containers
            ? chosen.OrderBy(s => ContainerRank(s)).ThenByDescending(s => s.Bounds.Width * s.Bounds.Height)
            : chosen.OrderBy(s => _elements.Find(s.BpmnElementRef) is BoundaryEvent ? 1 : 0);
    }

    private bool IsMessageFlow(DiagramEdge edge) => _elements.Find(edge.BpmnElementRef) is MessageFlow;

    private bool IsContainer(DiagramShape shape) => _elements.Find(shape.BpmnElementRef) switch
    {
        Participant or Lane or BpmnProcess => true,
        SubProcess or CallActivity => IsExpanded(shape),
        Artifact a => a.ElementName == "group",
        _ => false,
    };

    private int ContainerRank(DiagramShape shape) => _elements.Find(shape.BpmnElementRef) switch
    {
        Participant or BpmnProcess => 0,
        Lane => 1,
        _ => 2,
    };

    private static bool IsExpanded(DiagramShape shape) =>
        shape.IsExpanded ?? (shape.Bounds.Width > 140 && shape.Bounds.Height > 100);

    /// <summary>The union of every shape, waypoint and label, plus a margin; a small empty canvas for an empty diagram.</summary>
    private static (double X, double Y, double Width, double Height) ViewBox(Diagram diagram)
    {
        var boxes = new List<Bounds>();
        foreach (var shape in diagram.Shapes)
        {
            boxes.Add(shape.Bounds);
            if (shape.LabelBounds is { } label)
            {
                boxes.Add(label);
            }
            else if (shape.Bounds.Height <= 60)
            {
                // An external label below an event or gateway with no label bounds.
                boxes.Add(new Bounds(shape.Bounds.X + (shape.Bounds.Width / 2) - 45, shape.Bounds.Y + shape.Bounds.Height, 90, 30));
            }
        }

        foreach (var edge in diagram.Edges)
        {
            boxes.AddRange(edge.Waypoints.Select(p => new Bounds(p.X, p.Y, 0, 0)));
            if (edge.LabelBounds is { } label)
            {
                boxes.Add(label);
            }
        }

        boxes.RemoveAll(b => !double.IsFinite(b.X) || !double.IsFinite(b.Y) || !double.IsFinite(b.Width) || !double.IsFinite(b.Height));
        if (boxes.Count == 0)
        {
            return (0, 0, 100, 100);
        }

        var minX = boxes.Min(b => b.X) - Margin;
        var minY = boxes.Min(b => b.Y) - Margin;
        var maxX = boxes.Max(b => b.X + b.Width) + Margin;
        var maxY = boxes.Max(b => b.Y + b.Height) + Margin;
        return (minX, minY, Math.Max(1, maxX - minX), Math.Max(1, maxY - minY));
    }
}
