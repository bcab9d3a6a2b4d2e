using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    /// <summary>One DI shape: one group, drawn by what the element is; unknown elements get a dashed box.</summary>
    private void WriteShape(DiagramShape shape)
    {
        var id = shape.BpmnElementRef;
        var element = _elements.Find(id);
        var type = element switch
        {
            BaseElement e => e.ElementName,
            _ => "unknown",
        };
        var b = shape.Bounds;
        var expanded = element is SubProcess or CallActivity && IsExpanded(shape);
        OpenGroup(id, "bpmn-shape", type, expanded ? "container expanded" : null, shape.FillColor, shape.StrokeColor);
        switch (element)
        {
            case Event e:
                WriteEvent(e, shape);
                break;
            case Gateway g:
                WriteGateway(g, shape);
                break;
            case Activity a:
                WriteActivity(a, shape, expanded);
                break;
            case Participant p:
                WritePool(p.Name, shape);
                break;
            case BpmnProcess process:
                WritePool(process.Name, shape);
                break;
            case Lane lane:
                WriteLane(lane, shape);
                break;
            case Artifact artifact:
                WriteArtifact(artifact, shape);
                break;
            case UnknownFlowNode unknown:
                Rect(b.X, b.Y, b.Width, b.Height, 10, "outline dashed");
                Label(unknown.DisplayName, b.X + (b.Width / 2), b.Y + (b.Height / 2), b.Width - 10);
                break;
            default:
                // Drawn but not modelled (data inputs and outputs, elements of other diagrams): a neutral box.
                Rect(b.X, b.Y, b.Width, b.Height, 0, "outline dashed thin");
                break;
        }

        Badge(id, b.X + b.Width, b.Y);
        CloseGroup(id);
    }

    private void WriteEvent(Event e, DiagramShape shape)
    {
        var b = shape.Bounds;
        var cx = b.X + (b.Width / 2);
        var cy = b.Y + (b.Height / 2);
        var r = Math.Min(b.Width, b.Height) / 2;
        var interrupting = e switch
        {
            StartEvent s => s.IsInterrupting,
            BoundaryEvent be => be.CancelActivity,
            _ => true,
        };
        var dashed = interrupting ? string.Empty : " dashed";
        switch (e)
        {
            case StartEvent:
                Circle(cx, cy, r, "outline" + dashed);
                break;
            case EndEvent:
                Circle(cx, cy, r, "outline thick");
                break;
            default:
                Circle(cx, cy, r, "outline thin" + dashed);
                Circle(cx, cy, r - 3, "icon" + dashed);
                break;
        }

        var throwing = e is EndEvent or IntermediateThrowEvent;
        EventMarker(e.EventDefinitions, cx, cy, r / 18, throwing);
        ExternalLabel(e.Name, shape);
    }

    private void WriteGateway(Gateway g, DiagramShape shape)
    {
        var b = shape.Bounds;
        var cx = b.X + (b.Width / 2);
        var cy = b.Y + (b.Height / 2);
        Path($"M{F(cx)},{F(b.Y)} L{F(b.X + b.Width)},{F(cy)} L{F(cx)},{F(b.Y + b.Height)} L{F(b.X)},{F(cy)} Z", "outline");
        var s = Math.Min(b.Width, b.Height) / 50;
        switch (g)
        {
            // isMarkerVisible="false" hides the X; tools that leave the attribute out expect it drawn.
            case ExclusiveGateway when shape.IsMarkerVisible != false:
                Glyph("M-8,-10 L8,10 M8,-10 L-8,10", "icon thick", cx, cy, s);
                break;
            case ParallelGateway:
                Glyph("M0,-12 L0,12 M-12,0 L12,0", "icon thick", cx, cy, s);
                break;
            case InclusiveGateway:
                Glyph("M-11,0 A11,11 0 1 1 11,0 A11,11 0 1 1 -11,0 Z", "icon thick", cx, cy, s);
                break;
            case ComplexGateway:
                Glyph("M0,-12 L0,12 M-12,0 L12,0 M-8.5,-8.5 L8.5,8.5 M8.5,-8.5 L-8.5,8.5", "icon thick", cx, cy, s);
                break;
            case EventBasedGateway eb:
                var parallel = string.Equals(eb.EventGatewayType, "Parallel", StringComparison.OrdinalIgnoreCase);
                Glyph("M-12,0 A12,12 0 1 1 12,0 A12,12 0 1 1 -12,0 Z", "icon", cx, cy, s);
                if (!eb.Instantiate)
                {
                    Glyph("M-9.5,0 A9.5,9.5 0 1 1 9.5,0 A9.5,9.5 0 1 1 -9.5,0 Z", "icon", cx, cy, s);
                }

                Glyph(parallel ? "M-2,-7 L2,-7 L2,-2 L7,-2 L7,2 L2,2 L2,7 L-2,7 L-2,2 L-7,2 L-7,-2 L-2,-2 Z" : "M0,-6.5 L6.2,-2 L3.8,5.3 L-3.8,5.3 L-6.2,-2 Z", "icon", cx, cy, s);
                break;
        }

        ExternalLabel(g.Name, shape);
    }

    private void WriteActivity(Activity a, DiagramShape shape, bool expanded)
    {
        var b = shape.Bounds;
        var border = a switch
        {
            CallActivity => "outline thick",
            SubProcess { TriggeredByEvent: true } => "outline thin dotted",
            _ => "outline",
        };
        Rect(b.X, b.Y, b.Width, b.Height, 10, border);
        if (a is TransactionSubProcess)
        {
            Rect(b.X + 3, b.Y + 3, b.Width - 6, b.Height - 6, 7, "icon thin");
        }

        if (expanded)
        {
            Label(a.Name, b.X + 8, b.Y + 2, b.Width - 16, left: true);
        }
        else
        {
            TaskIcon(a, b.X, b.Y);
            Label(a.Name, b.X + (b.Width / 2), b.Y + (b.Height / 2), b.Width - 10);
        }

        BottomMarkers(a, b, collapsed: !expanded && a is SubProcess or CallActivity);
    }

    /// <summary>The label of an event, gateway or data element: at its DI label bounds, else centred below the shape.</summary>
    private void ExternalLabel(string? name, DiagramShape shape)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var b = shape.Bounds;
        if (shape.LabelBounds is { } l && l.Width > 0)
        {
            // Text that needs more lines than the tool's box holds grows away from the shape, not into it.
            var width = Math.Max(l.Width, 40) + 4;
            var height = Wrap(name, width).Count * LineHeight;
            var cy = l.Y + (l.Height / 2);
            if (height > l.Height && l.Y >= b.Y + b.Height - 1)
            {
                cy = l.Y + (height / 2);
            }
            else if (height > l.Height && l.Y + l.Height <= b.Y + 1)
            {
                cy = l.Y + l.Height - (height / 2);
            }

            Label(name, l.X + (l.Width / 2), cy, width);
            return;
        }

        var lines = Wrap(name, 90).Count;
        Label(name, b.X + (b.Width / 2), b.Y + b.Height + 6 + (lines * LineHeight / 2), 90);
    }
}
