namespace HypermediaBpm.Bpmn.Model;

/// <summary>A node or sequence flow inside a process or subprocess.</summary>
public abstract class FlowElement : BaseElement
{
    public string? Name { get; init; }

    /// <summary>The process or subprocess this element sits in.</summary>
    public IFlowElementContainer Container { get; set; } = null!;

    /// <summary>The name if there is one, else the id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name!;
}
