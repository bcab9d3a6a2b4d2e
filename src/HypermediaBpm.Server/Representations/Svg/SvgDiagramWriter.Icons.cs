using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    // Event markers in a frame centred on (0,0) for an event of radius 18 (the standard 36 px event).
    private const string EnvelopePath = "M-9,-6 L9,-6 L9,6 L-9,6 Z M-9,-6 L0,1 L9,-6";
    private const string ClockFace = "M-11,0 A11,11 0 1 1 11,0 A11,11 0 1 1 -11,0 Z";
    private const string ClockHands = "M0,-11 L0,-8 M11,0 L8,0 M0,11 L0,8 M-11,0 L-8,0 M5.5,-9.5 L4,-7 M9.5,-5.5 L7,-4 M9.5,5.5 L7,4 M5.5,9.5 L4,7 M-5.5,9.5 L-4,7 M-9.5,5.5 L-7,4 M-9.5,-5.5 L-7,-4 M-5.5,-9.5 L-4,-7 M0,0 L0,-7 M0,0 L5,2";
    private const string TrianglePath = "M0,-10 L9,6 L-9,6 Z";
    private const string ZigzagPath = "M-8,9 L-3,-8 L2,2 L8,-9 L3,8 L-2,-2 Z";
    private const string EscalationPath = "M0,-10 L7,9 L0,2 L-7,9 Z";
    private const string LinkPath = "M-9,-4 L2,-4 L2,-9 L10,0 L2,9 L2,4 L-9,4 Z";
    private const string ConditionalPath = "M-7,-9 L7,-9 L7,9 L-7,9 Z M-4,-5 L4,-5 M-4,-1 L4,-1 M-4,3 L4,3 M-4,6 L4,6";
    private const string CompensationPath = "M-10,0 L-1,-7 L-1,7 Z M-1,0 L8,-7 L8,7 Z";
    private const string CancelPath = "M-7,-9 L0,-2 L7,-9 L9,-7 L2,0 L9,7 L7,9 L0,2 L-7,9 L-9,7 L-2,0 L-9,-7 Z";
    private const string PentagonPath = "M0,-10 L9.5,-3 L6,8 L-6,8 L-9.5,-3 Z";

    /// <summary>The marker of an event's definitions: outlined when it catches, filled when it throws; several make a pentagon.</summary>
    private void EventMarker(IReadOnlyList<EventDefinition> definitions, double cx, double cy, double scale, bool throwing)
    {
        if (definitions.Count == 0)
        {
            return;
        }

        var fill = throwing ? "icon filled" : "icon";
        if (definitions.Count > 1)
        {
            Glyph(PentagonPath, fill, cx, cy, scale);
            return;
        }

        switch (definitions[0])
        {
            case MessageEventDefinition:
                // A thrown message is a black envelope with white folds.
                Glyph(EnvelopePath, throwing ? "icon filled" : "icon white", cx, cy, scale);
                if (throwing)
                {
                    Path("M-9,-6 L0,1 L9,-6", null, $"translate({F(cx)},{F(cy)}) scale({F(scale)})", "fill:none;stroke:#fff;stroke-width:1.5");
                }

                break;
            case TimerEventDefinition:
                Glyph(ClockFace, "icon white", cx, cy, scale);
                Glyph(ClockHands, "icon", cx, cy, scale);
                break;
            case SignalEventDefinition:
                Glyph(TrianglePath, fill, cx, cy, scale);
                break;
            case ErrorEventDefinition:
                Glyph(ZigzagPath, fill, cx, cy, scale);
                break;
            case EscalationEventDefinition:
                Glyph(EscalationPath, fill, cx, cy, scale);
                break;
            case TerminateEventDefinition:
                Circle(cx, cy, 11 * scale, "icon filled");
                break;
            case LinkEventDefinition:
                Glyph(LinkPath, fill, cx, cy, scale);
                break;
            case ConditionalEventDefinition:
                Glyph(ConditionalPath, "icon white", cx, cy, scale);
                break;
            case CompensateEventDefinition:
                Glyph(CompensationPath, fill, cx, cy, scale);
                break;
            case CancelEventDefinition:
                Glyph(CancelPath, fill, cx, cy, scale);
                break;
        }
    }

    /// <summary>The small type icon in a task's top left corner (none for a plain task or a subprocess).</summary>
    private void TaskIcon(Activity a, double x, double y)
    {
        var at = $"translate({F(x + 6)},{F(y + 6)})";
        switch (a)
        {
            case UserTask:
                Path("M7,5 A4,4 0 1 1 7.01,5 Z", "icon white", at);
                Path("M1,19 L1,15 C1,11 4,10 7,10 C10,10 13,11 13,15 L13,19 Z", "icon white", at);
                Path("M4.5,3.5 C6,5 8,5 10,4", "icon", at);
                break;
            case ManualTask:
                Path("M1,9 L8,3 C9,2 10,3 9.5,4 L7,7 L15,7 C16.5,7 16.5,9 15,9 L10,9 M10,9 L16,9 C17.5,9 17.5,11 16,11 L10,11 M10,11 L15,11 C16.5,11 16.5,13 15,13 L10,13 M10,13 L13,13 C14.5,13 14.5,15 13,15 L4,15 L1,13", "icon white", at);
                break;
            case ScriptTask:
                Path("M4,1 L15,1 C11,5 19,9 15,17 L4,17 C8,9 0,5 4,1 Z", "icon white", at);
                Path("M5,5 L12,5 M6,9 L13,9 M6,13 L13,13", "icon", at);
                break;
            case SendTask:
                Path("M1,3 L17,3 L17,14 L1,14 Z", "icon filled", at);
                Path("M1,3 L9,9 L17,3", null, at, "fill:none;stroke:#fff;stroke-width:1.5");
                break;
            case ReceiveTask:
                Path("M1,3 L17,3 L17,14 L1,14 Z M1,3 L9,9 L17,3", "icon white", at);
                break;
            case BusinessRuleTask:
                Path("M1,2 L18,2 L18,15 L1,15 Z", "icon white", at);
                Path("M1,2 L18,2 L18,6 L1,6 Z", "icon filled", at);
                Path("M1,10.5 L18,10.5 M6,6 L6,15", "icon", at);
                break;
            case ServiceTask:
                Gear(x + 15, y + 15);
                break;
        }
    }

    /// <summary>A cog: a thick dashed ring makes the teeth, a small circle the hub.</summary>
    private void Gear(double cx, double cy)
    {
        Start("circle");
        Attr("cx", cx);
        Attr("cy", cy);
        Attr("r", 6.5);
        Attr("class", "icon");
        Attr("style", "stroke-width:3.5;stroke-dasharray:2.55 2.55");
        _w.WriteEndElement();
        Circle(cx, cy, 4.8, "icon white");
        Circle(cx, cy, 2, "icon");
    }

    /// <summary>Markers along the bottom edge, centred as a row: loop or multi-instance, collapsed +, ad hoc ~, compensation.</summary>
    private void BottomMarkers(Activity a, Bounds b, bool collapsed)
    {
        var markers = new List<string>();
        if (a.LoopCharacteristics is { } loop)
        {
            markers.Add(!loop.IsMultiInstance ? "loop" : loop.IsSequential ? "mi-sequential" : "mi-parallel");
        }

        if (collapsed)
        {
            markers.Add("collapsed");
        }

        if (a is AdHocSubProcess)
        {
            markers.Add("adhoc");
        }

        if (a.IsForCompensation)
        {
            markers.Add("compensation");
        }

        const double size = 14;
        const double gap = 4;
        var x = b.X + (b.Width / 2) - ((markers.Count * size) + ((markers.Count - 1) * gap)) / 2;
        var y = b.Y + b.Height - size - 4;
        foreach (var marker in markers)
        {
            var at = $"translate({F(x)},{F(y)})";
            switch (marker)
            {
                case "loop":
                    Path("M3.5,11 A5.5,5.5 0 1 1 10.5,11 M10.5,11 L10.5,7 M10.5,11 L14,10", "icon", at);
                    break;
                case "mi-sequential":
                    Path("M1,2 L13,2 M1,7 L13,7 M1,12 L13,12", "icon thick", at, "stroke-width:2");
                    break;
                case "mi-parallel":
                    Path("M2,1 L2,13 M7,1 L7,13 M12,1 L12,13", "icon", at, "stroke-width:2");
                    break;
                case "collapsed":
                    Path("M0,0 L14,0 L14,14 L0,14 Z M7,3 L7,11 M3,7 L11,7", "icon white", at);
                    break;
                case "adhoc":
                    Path("M1,9 C3,4 6,4 7,7 C8,10 11,10 13,5", "icon", at, "stroke-width:2");
                    break;
                case "compensation":
                    Path("M0,7 L7,2 L7,12 Z M7,7 L14,2 L14,12 Z", "icon", at);
                    break;
            }

            x += size + gap;
        }
    }
}
