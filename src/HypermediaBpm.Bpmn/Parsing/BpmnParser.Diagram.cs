using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    private static Diagram MapDiagram(XElement e, Dictionary<string, XElement> ids, ParseContext ctx)
    {
        var plane = e.Element(BpmnDi + "BPMNPlane");
        var diagram = new Diagram
        {
            Id = Attr(e, "id"),
            Name = Attr(e, "name"),
            PlaneElementRef = plane is null ? null : RefAttr(plane, "bpmnElement"),
        };
        if (plane is null)
        {
            return diagram;
        }

        foreach (var child in plane.Elements())
        {
            if (child.Name == BpmnDi + "BPMNShape")
            {
                if (ShapeOf(child, ids, ctx) is { } shape)
                {
                    diagram.Shapes.Add(shape);
                }
            }
            else if (child.Name == BpmnDi + "BPMNEdge")
            {
                if (EdgeOf(child, ids, ctx) is { } edge)
                {
                    diagram.Edges.Add(edge);
                }
            }
        }

        return diagram;
    }

    private static DiagramShape? ShapeOf(XElement e, Dictionary<string, XElement> ids, ParseContext ctx)
    {
        if (DiagramTarget(e, ids, ctx) is not { } target)
        {
            return null;
        }

        var bounds = e.Element(Dc + "Bounds");
        return new DiagramShape
        {
            Id = Attr(e, "id"),
            BpmnElementRef = target,
            Bounds = bounds is null ? default : BoundsOf(bounds, ctx),
            IsExpanded = OptionalBool(e, "isExpanded", ctx),
            IsHorizontal = OptionalBool(e, "isHorizontal", ctx),
            IsMarkerVisible = OptionalBool(e, "isMarkerVisible", ctx),
            LabelBounds = LabelBoundsOf(e, ctx),
            FillColor = Colour(e, BioColor + "fill", OmgColor + "background-color"),
            StrokeColor = Colour(e, BioColor + "stroke", OmgColor + "border-color"),
        };
    }

    private static DiagramEdge? EdgeOf(XElement e, Dictionary<string, XElement> ids, ParseContext ctx)
    {
        if (DiagramTarget(e, ids, ctx) is not { } target)
        {
            return null;
        }

        var edge = new DiagramEdge
        {
            Id = Attr(e, "id"),
            BpmnElementRef = target,
            LabelBounds = LabelBoundsOf(e, ctx),
            StrokeColor = Colour(e, BioColor + "stroke", OmgColor + "border-color"),
        };

        // Waypoints belong to the DD DI namespace; accept them in BPMN DI too, where some tools put them.
        foreach (var point in e.Elements().Where(p => p.Name.LocalName == "waypoint" && (p.Name.Namespace == Di || p.Name.Namespace == BpmnDi)))
        {
            edge.Waypoints.Add(new Point(ctx.Number(point, "x"), ctx.Number(point, "y")));
        }

        return edge;
    }

    /// <summary>
    /// The <c>bpmnElement</c> a shape or edge draws. A missing or unknown one is only a warning: the drawing is
    /// incomplete, the process is not.
    /// </summary>
    private static string? DiagramTarget(XElement e, Dictionary<string, XElement> ids, ParseContext ctx)
    {
        var target = RefAttr(e, "bpmnElement");
        if (target is null)
        {
            ctx.Warning(ProblemCodes.DiagramDanglingReference, $"{Capitalised(ParseContext.Describe(e))} has no bpmnElement; it is not drawn.", e, Attr(e, "id"));
            return null;
        }

        if (!ids.ContainsKey(target))
        {
            ctx.Warning(ProblemCodes.DiagramDanglingReference,
                $"{Capitalised(ParseContext.Describe(e))} draws '{target}', but there is no such element in the model.", e, Attr(e, "id"));
        }

        return target;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static Bounds BoundsOf(XElement bounds, ParseContext ctx) =>
        new(ctx.Number(bounds, "x"), ctx.Number(bounds, "y"), ctx.Number(bounds, "width"), ctx.Number(bounds, "height"));

    private static Bounds? LabelBoundsOf(XElement e, ParseContext ctx) =>
        e.Element(BpmnDi + "BPMNLabel")?.Element(Dc + "Bounds") is { } label ? BoundsOf(label, ctx) : null;

    private static bool? OptionalBool(XElement e, string attribute, ParseContext ctx) =>
        e.Attribute(attribute) is null ? null : ctx.Bool(e, attribute, fallback: false);

    /// <summary>bpmn.io writes <c>bioc:fill</c>/<c>bioc:stroke</c>; the OMG colour extension (Signavio, Trisotech) writes background-color/border-color.</summary>
    private static string? Colour(XElement e, XName bpmnIo, XName omg) => Clean((string?)e.Attribute(bpmnIo) ?? (string?)e.Attribute(omg));
}
