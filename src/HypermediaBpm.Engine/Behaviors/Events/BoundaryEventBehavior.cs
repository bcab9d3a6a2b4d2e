using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Boundary events. What fires one is its trigger (<see cref="EventTriggerTable"/>); once fired, a token
/// starts at the boundary event (see <see cref="ProcessExecution.TriggerBoundary"/>) and leaves by its flows.
/// </summary>
public sealed class BoundaryEventBehavior(EventTriggerTable triggers) : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var boundary = (BoundaryEvent)node;
        if (triggers.WhyUnsupported(boundary, "boundary event") is { } why)
        {
            return why;
        }

        if (boundary.Trigger is CancelEventDefinition && boundary.AttachedTo is not TransactionSubProcess)
        {
            return $"Cancel boundary event '{boundary.DisplayName}' is attached to '{boundary.AttachedTo?.DisplayName ?? boundary.AttachedToRef}'; only a transaction subprocess can be cancelled.";
        }

        return boundary.Trigger is ErrorEventDefinition && !boundary.CancelActivity
            ? $"Error boundary event '{boundary.DisplayName}' has cancelActivity=\"false\"; an error boundary event always interrupts its activity."
            : null;
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node) => execution.Leave(token, node);
}
