namespace HypermediaBpm.Bpmn.Model;

/// <summary><c>multiInstanceLoopCharacteristics</c> or <c>standardLoopCharacteristics</c>.</summary>
public sealed class LoopCharacteristics
{
    public bool IsMultiInstance { get; init; }

    public bool IsSequential { get; init; }

    public string? LoopCardinality { get; init; }

    /// <summary><c>camunda:collection</c> or <c>zeebe:loopCharacteristics inputCollection</c>.</summary>
    public string? Collection { get; init; }

    public string? ElementVariable { get; init; }

    public string? CompletionCondition { get; init; }

    /// <summary>Standard loop: <c>loopCondition</c>.</summary>
    public string? LoopCondition { get; init; }

    public bool TestBefore { get; init; }

    public string? LoopMaximum { get; init; }

    public string? OutputCollection { get; init; }

    public string? OutputElement { get; init; }

    public SourcePosition Position { get; init; }
}
