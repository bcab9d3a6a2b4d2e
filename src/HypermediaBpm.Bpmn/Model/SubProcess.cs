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

/// <summary><c>callActivity</c>: starts an instance of another deployed process and waits for it to end.</summary>
public sealed class CallActivity : Activity
{
    /// <summary><c>calledElement</c> or <c>zeebe:calledElement processId</c>: the key of the process to call.</summary>
    public string? CalledElement { get; init; }

    /// <summary><c>latest</c>, <c>version</c>, <c>deployment</c>.</summary>
    public string? Binding { get; init; }

    public string? Version { get; init; }

    /// <summary><c>camunda:in businessKey</c>: the called instance's business key (a text that may hold an expression).</summary>
    public string? BusinessKey { get; init; }

    /// <summary>
    /// Whether every variable the call activity sees goes to the called instance (before the input mappings).
    /// Zeebe's default (<c>zeebe:calledElement propagateAllParentVariables</c>, true unless "false"); Camunda
    /// and plain BPMN pass only what is mapped.
    /// </summary>
    public bool PropagateAllParentVariables { get; init; }

    /// <summary>
    /// Whether every variable of the ended called instance comes back when there are no output mappings.
    /// Zeebe's default (<c>propagateAllChildVariables</c>, true unless "false"); Camunda and plain BPMN bring
    /// back only what is mapped.
    /// </summary>
    public bool PropagateAllChildVariables { get; init; }
}
