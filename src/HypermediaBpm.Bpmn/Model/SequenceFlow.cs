namespace HypermediaBpm.Bpmn.Model;

public sealed class SequenceFlow : FlowElement
{
    public required string SourceRef { get; init; }

    public required string TargetRef { get; init; }

    /// <summary>Resolved after parsing; null when <see cref="SourceRef"/> dangles.</summary>
    public FlowNode? Source { get; set; }

    public FlowNode? Target { get; set; }

    /// <summary>The text of <c>conditionExpression</c>, e.g. <c>${amount &gt; 1000}</c> or <c>=approved</c>.</summary>
    public string? ConditionExpression { get; init; }

    public SourcePosition ConditionPosition { get; init; }

    public string? ConditionLanguage { get; init; }
}
