namespace HypermediaBpm.Bpmn.Model;

/// <summary>
/// Elements that are drawn but never hold a token: data objects and stores (and their references),
/// text annotations, associations, groups. Kept so the diagram can show and link them.
/// </summary>
public sealed class Artifact : FlowElement
{
    public string? Text { get; init; }

    public string? SourceRef { get; init; }

    public string? TargetRef { get; init; }
}

/// <summary>A flow element in the BPMN namespace that the parser knows no type for (e.g. a choreography task).</summary>
public sealed class UnknownFlowNode : FlowNode
{
}
