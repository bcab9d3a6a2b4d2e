using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Representations.Svg;

public sealed partial class SvgDiagramWriter
{
    private const double BandSize = 30;

    /// <summary>A pool: its box and a header band holding the name (rotated in horizontal pools).</summary>
    private void WritePool(string? name, DiagramShape shape)
    {
        var b = shape.Bounds;
        Rect(b.X, b.Y, b.Width, b.Height, 0, "outline");
        HeaderBand(name, shape, drawBand: true);
    }

    private void WriteLane(Lane lane, DiagramShape shape)
    {
        var b = shape.Bounds;
        Rect(b.X, b.Y, b.Width, b.Height, 0, "outline");
        HeaderBand(lane.Name, shape, drawBand: false);
    }

    /// <summary>
    /// The name of a pool or lane inside its header band: on the left, read bottom to top, when the shape is
    /// horizontal (the default, and any shape wider than tall that does not say); along the top otherwise.
    /// </summary>
    private void HeaderBand(string? name, DiagramShape shape, bool drawBand)
    {
        var b = shape.Bounds;
        var horizontal = shape.IsHorizontal ?? b.Width >= b.Height;
        if (horizontal)
        {
            if (drawBand)
            {
                Path($"M{F(b.X + BandSize)},{F(b.Y)} L{F(b.X + BandSize)},{F(b.Y + b.Height)}", "band");
            }

            var cx = b.X + (BandSize / 2);
            var cy = b.Y + (b.Height / 2);
            Label(name, cx, cy, b.Height - 10, transform: $"rotate(-90 {F(cx)} {F(cy)})");
        }
        else
        {
            if (drawBand)
            {
                Path($"M{F(b.X)},{F(b.Y + BandSize)} L{F(b.X + b.Width)},{F(b.Y + BandSize)}", "band");
            }

            Label(name, b.X + (b.Width / 2), b.Y + (BandSize / 2), b.Width - 10);
        }
    }

    /// <summary>Data objects and stores, text annotations and groups (associations are edges).</summary>
    private void WriteArtifact(Artifact artifact, DiagramShape shape)
    {
        var b = shape.Bounds;
        switch (artifact.ElementName)
        {
            case "dataObject" or "dataObjectReference":
                {
                    var fold = Math.Min(12, b.Width / 3);
                    var right = b.X + b.Width;
                    Path($"M{F(b.X)},{F(b.Y)} L{F(right - fold)},{F(b.Y)} L{F(right)},{F(b.Y + fold)} L{F(right)},{F(b.Y + b.Height)} L{F(b.X)},{F(b.Y + b.Height)} Z", "outline thin");
                    Path($"M{F(right - fold)},{F(b.Y)} L{F(right - fold)},{F(b.Y + fold)} L{F(right)},{F(b.Y + fold)}", "icon thin");
                    ExternalLabel(artifact.Name, shape);
                    break;
                }

            case "dataStoreReference":
                {
                    var ry = Math.Min(8, b.Height / 6);
                    var left = b.X;
                    var right = b.X + b.Width;
                    var rx = b.Width / 2;
                    var top = b.Y + ry;
                    var bottom = b.Y + b.Height - ry;
                    Path($"M{F(left)},{F(top)} A{F(rx)},{F(ry)} 0 0 1 {F(right)},{F(top)} L{F(right)},{F(bottom)} A{F(rx)},{F(ry)} 0 0 1 {F(left)},{F(bottom)} Z", "outline thin");
                    Path($"M{F(left)},{F(top)} A{F(rx)},{F(ry)} 0 0 0 {F(right)},{F(top)} M{F(left)},{F(top + 5)} A{F(rx)},{F(ry)} 0 0 0 {F(right)},{F(top + 5)} M{F(left)},{F(top + 10)} A{F(rx)},{F(ry)} 0 0 0 {F(right)},{F(top + 10)}", "icon thin");
                    ExternalLabel(artifact.Name, shape);
                    break;
                }

            case "textAnnotation":
                {
                    // An invisible box keeps the whole annotation clickable and stylable.
                    Rect(b.X, b.Y, b.Width, b.Height, 0, null, "fill:none;stroke:none");
                    var arm = Math.Min(15, b.Width);
                    Path($"M{F(b.X + arm)},{F(b.Y)} L{F(b.X)},{F(b.Y)} L{F(b.X)},{F(b.Y + b.Height)} L{F(b.X + arm)},{F(b.Y + b.Height)}", "icon thin");
                    Label(artifact.Text ?? artifact.Name, b.X + 5, b.Y + 2, b.Width - 10, left: true);
                    break;
                }

            case "group":
                Rect(b.X, b.Y, b.Width, b.Height, 10, "outline thin dashed", "fill:none");
                Label(artifact.Name, b.X + (b.Width / 2), b.Y + 12, b.Width - 10);
                break;
            default:
                Rect(b.X, b.Y, b.Width, b.Height, 0, "outline dashed thin");
                break;
        }
    }
}
