namespace HypermediaBpm.Bpmn.Model;

/// <summary>Work done in a process: a task, subprocess or call activity.</summary>
public abstract class Activity : FlowNode
{
    public string? DefaultFlowRef { get; init; }

    public SequenceFlow? DefaultFlow { get; set; }

    public List<BoundaryEvent> BoundaryEvents { get; } = new();

    public LoopCharacteristics? LoopCharacteristics { get; set; }

    public bool IsForCompensation { get; init; }

    public List<IoMapping> InputMappings { get; } = new();

    public List<IoMapping> OutputMappings { get; } = new();
}
