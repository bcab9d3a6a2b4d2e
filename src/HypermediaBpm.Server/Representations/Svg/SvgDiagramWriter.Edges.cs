using System.Text;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    /// <summary>One DI edge: one group with the line, its line ends, and its name.</summary>
    private void WriteEdge(DiagramEdge edge)
    {
        var id = edge.BpmnElementRef;
        var element = _elements.Find(id);
        var type = element switch
        {
            BaseElement e => e.ElementName,

            // Data input and output associations are not in the model's element index; they are drawn like one.
            _ => "dataAssociation",
        };
        OpenGroup(id, "bpmn-edge", type, null, null, edge.StrokeColor);
        var points = edge.Waypoints.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (points.Count >= 2)
        {
            string? start = null;
            string? end = null;
            switch (element)
            {
                case SequenceFlow flow:
                    end = _state.TakenFlows.Contains(id) ? "seq-end-taken" : "seq-end";
                    if (IsConditionalFromActivity(flow))
                    {
                        start = "cond-start";
                    }

                    break;
                case MessageFlow:
                    start = "msg-start";
                    end = "msg-end";
                    break;
                case Artifact:
                    break;
                default:
                    end = "assoc-end";
                    break;
            }

            Polyline(points, start, end);
            if (element is SequenceFlow f && IsDefault(f))
            {
                DefaultSlash(points[0], points[1]);
            }
        }

        var name = (element as FlowElement)?.Name ?? (element as MessageFlow)?.Name;
        if (!string.IsNullOrWhiteSpace(name))
        {
            if (edge.LabelBounds is { } l && l.Width > 0)
            {
                Label(name, l.X + (l.Width / 2), l.Y + (l.Height / 2), Math.Max(l.Width, 40) + 4);
            }
            else if (points.Count >= 2)
            {
                var middle = points.Count / 2;
                var a = points[middle - 1];
                var b = points[middle];
                Label(name, (a.X + b.X) / 2, ((a.Y + b.Y) / 2) - 10, 100);
            }
        }

        CloseGroup(id);
    }

    /// <summary>A condition on a flow out of an activity gets the mini diamond; out of a gateway it is implied.</summary>
    private static bool IsConditionalFromActivity(SequenceFlow flow) =>
        flow.ConditionExpression is not null && flow.Source is Activity;

    private static bool IsDefault(SequenceFlow flow) => flow.Source switch
    {
        Activity a => a.DefaultFlowRef == flow.Id,
        Gateway g => g.DefaultFlowRef == flow.Id,
        _ => false,
    };

    private void Polyline(List<Point> points, string? startMarker, string? endMarker)
    {
        var d = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            d.Append(i == 0 ? 'M' : 'L').Append(F(points[i].X)).Append(',').Append(F(points[i].Y)).Append(' ');
        }

        Start("path");
        Attr("d", d.ToString().TrimEnd());
        Attr("class", "flow");
        if (startMarker is not null)
        {
            Attr("marker-start", $"url(#{startMarker})");
        }

        if (endMarker is not null)
        {
            Attr("marker-end", $"url(#{endMarker})");
        }

        _w.WriteEndElement();
    }

    /// <summary>The default-flow slash: a short stroke across the line near its start.</summary>
    private void DefaultSlash(Point from, Point to)
    {
        var dx = to.X - from.X;
        var dy = to.Y - from.Y;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length < 1)
        {
            return;
        }

        dx /= length;
        dy /= length;
        var along = Math.Min(12, length / 2);
        var cx = from.X + (dx * along);
        var cy = from.Y + (dy * along);

        // The flow's direction turned by 45 degrees.
        var sx = (dx - dy) * 0.7071 * 6;
        var sy = (dx + dy) * 0.7071 * 6;
        Path($"M{F(cx - sx)},{F(cy - sy)} L{F(cx + sx)},{F(cy + sy)}", "flow");
    }
}
