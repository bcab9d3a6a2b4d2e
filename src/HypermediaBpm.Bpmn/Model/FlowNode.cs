namespace HypermediaBpm.Bpmn.Model;

/// <summary>An activity, gateway or event: something a token can be at.</summary>
public abstract class FlowNode : FlowElement
{
    public List<SequenceFlow> Incoming { get; } = new();

    public List<SequenceFlow> Outgoing { get; } = new();
}
