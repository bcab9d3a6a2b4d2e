namespace HypermediaBpm.Bpmn.Model;

public sealed class Message : BaseElement
{
    public string? Name { get; init; }
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
