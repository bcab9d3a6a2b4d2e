using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Start events. A none start is where a process or subprocess begins on request; a timer, message or signal start of
/// a process holds a start subscription (opened at deploy) whose firing begins an instance; the start event of an event
/// subprocess is fired by its trigger (<see cref="EventTriggerTable"/>, <see cref="Fire"/>). Either way the token then
/// leaves.
/// </summary>
public sealed class StartEventBehavior(Catching catching, ConditionalEvents conditions) : ICatchBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var start = (StartEvent)node;
        if (start.EventDefinitions.Count == 0)
        {
            return null;
        }

        if (IsInEventSubProcess(start))
        {
            return catching.Triggers.WhyUnsupported(start, "event subprocess start event");
        }

        if (start.Trigger is { } trigger && EventSubscriptions.Waits(trigger))
        {
            return EventSubscriptions.WhyUnsupported(start, trigger, cycleAllowed: true);
        }

        return $"'{start.DisplayName}' is a {string.Join("/", start.EventDefinitions.Select(d => d.ElementName))} start event, which this engine does not run yet.";
    }

    /// <summary>
    /// The token leaves; a start of the process itself has just entered the process as a scope, so the conditional starts
    /// of its event subprocesses are evaluated then (a condition that already holds starts its event subprocess at once).
    /// </summary>
    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        context.Leave(token, node);
        if (node.Container == context.Process.Process)
        {
            conditions.ScopeEntered(context, null, context.Process.Process);
        }
    }

    /// <summary>Starts a run of the event subprocess; a non-interrupting message or signal start listens again at once.</summary>
    public void Fire(IBehaviorContext context, Token? host, FlowNode catcher, IReadOnlyDictionary<string, object?> variables)
    {
        var start = (StartEvent)catcher;
        if (!start.IsInterrupting && start.Trigger is MessageEventDefinition or SignalEventDefinition)
        {
            context.OpenCatcher(host, start, start.Trigger);
        }

        catching.StartEventSubProcess(context, host, start, variables);
    }

    public bool StartsByHand(FlowNode node) => !IsInEventSubProcess(node);

    private static bool IsInEventSubProcess(FlowNode node) => node.Container is SubProcess { TriggeredByEvent: true };
}
