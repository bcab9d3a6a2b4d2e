namespace HypermediaBpm.Bpmn.Model;

public sealed class Collaboration : BaseElement
{
    public string? Name { get; init; }

    public List<Participant> Participants { get; } = new();

    public List<MessageFlow> MessageFlows { get; } = new();

    public List<Artifact> Artifacts { get; } = new();
}

public sealed class Participant : BaseElement
{
    public string? Name { get; init; }

    public string? ProcessRef { get; init; }
}

public sealed class MessageFlow : BaseElement
{
    public string? Name { get; init; }

    public required string SourceRef { get; init; }

    public required string TargetRef { get; init; }

    public string? MessageRef { get; init; }
}
