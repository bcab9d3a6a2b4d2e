namespace HypermediaBpm.Bpmn.Model;

/// <summary>Where an element starts in the BPMN source (1-based line and column).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
