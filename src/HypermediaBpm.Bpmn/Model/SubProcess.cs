namespace HypermediaBpm.Bpmn.Model;

/// <summary>Embedded subprocess; with <see cref="TriggeredByEvent"/> an event subprocess.</summary>
public class SubProcess : Activity, IFlowElementContainer
{
    public bool TriggeredByEvent { get; init; }

    public List<FlowElement> FlowElements { get; } = new();
}

/// <summary><c>transaction</c>: a subprocess that is a try-confirm/cancel scope.</summary>
public sealed class TransactionSubProcess : SubProcess
{
}

/// <summary><c>adHocSubProcess</c>.</summary>
public sealed class AdHocSubProcess : SubProcess
{
}

public sealed class CallActivity : Activity
{
    /// <summary><c>calledElement</c> or <c>zeebe:calledElement processId</c>: the key of the process to call.</summary>
    public string? CalledElement { get; init; }

    /// <summary><c>latest</c>, <c>version</c>, <c>deployment</c>.</summary>
    public string? Binding { get; init; }

    public string? Version { get; init; }

    public string? BusinessKey { get; init; }
}
