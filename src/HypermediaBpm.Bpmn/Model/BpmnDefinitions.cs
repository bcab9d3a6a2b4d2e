namespace HypermediaBpm.Bpmn.Model;

/// <summary>A parsed BPMN 2.0 document: the <c>definitions</c> root with everything under it.</summary>
public sealed class BpmnDefinitions
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? TargetNamespace { get; init; }

    public string? Exporter { get; init; }

    public string? ExporterVersion { get; init; }

    /// <summary>Where the <c>definitions</c> element starts, for problems about the document as a whole.</summary>
    public SourcePosition Position { get; init; }

    public List<BpmnProcess> Processes { get; } = new();

    public List<Collaboration> Collaborations { get; } = new();

    public Dictionary<string, Message> Messages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Signal> Signals { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Error> Errors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Escalation> Escalations { get; } = new(StringComparer.Ordinal);

    public List<Diagram> Diagrams { get; } = new();

    /// <summary>The process that runs: the first executable one, else the first one.</summary>
    public BpmnProcess? MainProcess => Processes.FirstOrDefault(p => p.IsExecutable) ?? Processes.FirstOrDefault();
}
