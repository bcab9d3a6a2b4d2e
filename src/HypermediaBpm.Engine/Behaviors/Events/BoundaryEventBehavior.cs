using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Boundary events. What fires one is its trigger (<see cref="EventTriggerTable"/>); once fired, a token starts at the
/// boundary event (<see cref="Catching.TriggerBoundary"/>) and leaves by its flows. A compensation boundary event never
/// fires: it names, by its association, the handler that undoes its activity (<see cref="Compensation"/>).
/// </summary>
public sealed class BoundaryEventBehavior(Catching catching) : ICatchBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var boundary = (BoundaryEvent)node;
        if (catching.Triggers.WhyUnsupported(boundary, "boundary event") is { } why)
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

    public void Execute(IBehaviorContext context, Token token, FlowNode node) => context.Leave(token, node);

    /// <summary>A non-interrupting message or signal catcher listens again at once; a timer's repetition is the scheduler's.</summary>
    public void Fire(IBehaviorContext context, Token? host, FlowNode catcher, IReadOnlyDictionary<string, object?> variables)
    {
        var boundary = (BoundaryEvent)catcher;
        if (host is null)
        {
            return;
        }

        if (!boundary.CancelActivity && boundary.Trigger is MessageEventDefinition or SignalEventDefinition)
        {
            context.OpenCatcher(host, boundary, boundary.Trigger);
        }

        catching.TriggerBoundary(context, host, boundary, variables);
    }

    public bool StartsByHand(FlowNode node) => false;
}
