namespace HypermediaBpm.Bpmn.Model;

public abstract class EventDefinition
{
    public string? Id { get; init; }

    public SourcePosition Position { get; init; }

    /// <summary>The XML local name, e.g. <c>timerEventDefinition</c>.</summary>
    public required string ElementName { get; init; }
}

public sealed class TimerEventDefinition : EventDefinition
{
    public string? TimeDate { get; init; }

    public string? TimeDuration { get; init; }

    public string? TimeCycle { get; init; }
}

public sealed class MessageEventDefinition : EventDefinition
{
    public string? MessageRef { get; init; }

    public Message? Message { get; set; }

    /// <summary><c>zeebe:subscription correlationKey</c> or camunda-style key expression.</summary>
    public string? CorrelationKey { get; init; }
}

public sealed class SignalEventDefinition : EventDefinition
{
    public string? SignalRef { get; init; }

    public Signal? Signal { get; set; }
}

public sealed class ErrorEventDefinition : EventDefinition
{
    public string? ErrorRef { get; init; }

    public Error? Error { get; set; }

    public string? ErrorCodeVariable { get; init; }

    public string? ErrorMessageVariable { get; init; }
}

public sealed class EscalationEventDefinition : EventDefinition
{
    public string? EscalationRef { get; init; }

    public Escalation? Escalation { get; set; }
}

public sealed class TerminateEventDefinition : EventDefinition
{
}

public sealed class CancelEventDefinition : EventDefinition
{
}

public sealed class CompensateEventDefinition : EventDefinition
{
    public string? ActivityRef { get; init; }

    public bool WaitForCompletion { get; init; } = true;
}

public sealed class LinkEventDefinition : EventDefinition
{
    public string? Name { get; init; }
}

public sealed class ConditionalEventDefinition : EventDefinition
{
    public string? Condition { get; init; }

    public string? VariableName { get; init; }
}
