namespace HypermediaBpm.Bpmn.Model;

public sealed class Message : BaseElement
{
    public string? Name { get; init; }

    /// <summary>
    /// <c>zeebe:subscription correlationKey</c> from the message's <c>extensionElements</c>: Zeebe models keep the
    /// key on the message, not on the event, so every event and task that uses the message shares it.
    /// </summary>
    public string? CorrelationKey { get; init; }
}

public sealed class Signal : BaseElement
{
    public string? Name { get; init; }
}

public sealed class Error : BaseElement
{
    public string? Name { get; init; }

    public string? ErrorCode { get; init; }
}

public sealed class Escalation : BaseElement
{
    public string? Name { get; init; }

    public string? EscalationCode { get; init; }
}
