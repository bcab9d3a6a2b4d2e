namespace HypermediaBpm.Bpmn.Model;

public abstract class Event : FlowNode
{
    public List<EventDefinition> EventDefinitions { get; } = new();

    public List<IoMapping> InputMappings { get; } = new();

    public List<IoMapping> OutputMappings { get; } = new();

    /// <summary>The single event definition, or null for a none event (several: a multiple event).</summary>
    public EventDefinition? Trigger => EventDefinitions.Count == 1 ? EventDefinitions[0] : null;
}

public sealed class StartEvent : Event
{
    public bool IsInterrupting { get; init; } = true;

    public string? Initiator { get; init; }

    public string? FormKey { get; init; }

    public List<FormField> FormFields { get; } = new();

    /// <summary>The start form field whose value is the business key (<c>camunda:formData businessKey="orderId"</c>).</summary>
    public string? BusinessKeyField { get; set; }
}

public sealed class EndEvent : Event
{
}

public sealed class IntermediateCatchEvent : Event
{
}

public sealed class IntermediateThrowEvent : Event
{
}

public sealed class BoundaryEvent : Event
{
    public required string AttachedToRef { get; init; }

    public Activity? AttachedTo { get; set; }

    public bool CancelActivity { get; init; } = true;
}
