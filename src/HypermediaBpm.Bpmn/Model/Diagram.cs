namespace HypermediaBpm.Bpmn.Model;

/// <summary>BPMN DI: one <c>BPMNDiagram</c> with its plane's shapes and edges.</summary>
public sealed class Diagram
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The process or collaboration the plane shows.</summary>
    public string? PlaneElementRef { get; init; }

    public List<DiagramShape> Shapes { get; } = new();

    public List<DiagramEdge> Edges { get; } = new();
}

public readonly record struct Bounds(double X, double Y, double Width, double Height);

public readonly record struct Point(double X, double Y);

public sealed class DiagramShape
{
    public string? Id { get; init; }

    public required string BpmnElementRef { get; init; }

    public Bounds Bounds { get; init; }

    public bool? IsExpanded { get; init; }

    public bool? IsHorizontal { get; init; }

    public bool? IsMarkerVisible { get; init; }

    public Bounds? LabelBounds { get; init; }

    public string? FillColor { get; init; }

    public string? StrokeColor { get; init; }
}

public sealed class DiagramEdge
{
    public string? Id { get; init; }

    public required string BpmnElementRef { get; init; }

    public List<Point> Waypoints { get; } = new();

    public Bounds? LabelBounds { get; init; }

    public string? StrokeColor { get; init; }
}
