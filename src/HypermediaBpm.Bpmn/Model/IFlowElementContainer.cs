namespace HypermediaBpm.Bpmn.Model;

/// <summary>A scope that holds flow elements: a process or a subprocess.</summary>
public interface IFlowElementContainer
{
    string Id { get; }

    List<FlowElement> FlowElements { get; }
}
