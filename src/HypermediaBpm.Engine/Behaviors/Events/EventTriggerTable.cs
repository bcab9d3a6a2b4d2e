using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// The one table of event definitions a boundary event or an event subprocess start can catch, by
/// definition type. Anything else is refused at deploy time by the behaviours that ask
/// <see cref="WhyUnsupported"/>.
/// </summary>
public sealed class EventTriggerTable
{
    private readonly Dictionary<Type, IEventTrigger> _byType;

    public EventTriggerTable()
    {
        var thrown = new ThrownEventTrigger();
        _byType = new Dictionary<Type, IEventTrigger>
        {
            [typeof(ErrorEventDefinition)] = thrown,
            [typeof(EscalationEventDefinition)] = thrown,

            // A transaction's cancel boundary is taken by its cancel end event or an unconfirmed outcome, never subscribed to.
            [typeof(CancelEventDefinition)] = thrown,

            // A compensation boundary names its handler and an event subprocess's compensation start its undoing; a throw finds them.
            [typeof(CompensateEventDefinition)] = thrown,

            // A condition is checked whenever variables change while its catcher listens (ConditionalEvents).
            [typeof(ConditionalEventDefinition)] = thrown,
        };
        var subscribed = new SubscribedEventTrigger();
        _byType[typeof(TimerEventDefinition)] = subscribed;
        _byType[typeof(MessageEventDefinition)] = subscribed;
        _byType[typeof(SignalEventDefinition)] = subscribed;
    }

    /// <summary>The trigger of a catching event (one event definition, validated at deploy time).</summary>
    public IEventTrigger For(Event catcher) =>
        catcher.Trigger is { } definition && _byType.TryGetValue(definition.GetType(), out var trigger)
            ? trigger
            : throw new InvalidOperationException($"No trigger for {catcher.Id}; deployment validation should have refused it.");

    /// <summary>Null when <paramref name="catcher"/> can be caught here; otherwise why not.</summary>
    public string? WhyUnsupported(Event catcher, string what)
    {
        if (catcher.EventDefinitions.Count != 1)
        {
            return catcher.EventDefinitions.Count == 0
                ? $"'{catcher.DisplayName}' is a {what} without an event definition, which BPMN does not allow."
                : $"'{catcher.DisplayName}' is a multiple {what}, which this engine does not run yet.";
        }

        var definition = catcher.EventDefinitions[0];
        if (definition is CancelEventDefinition && catcher is not BoundaryEvent)
        {
            return $"'{catcher.DisplayName}' is a cancel {what}; only a transaction's boundary event can catch a cancel.";
        }

        if (!_byType.ContainsKey(definition.GetType()))
        {
            return $"'{catcher.DisplayName}' is a {definition.ElementName} {what}, which this engine does not run yet.";
        }

        if (definition is ConditionalEventDefinition conditional)
        {
            return ConditionalEvents.WhyUnsupported(catcher, conditional);
        }

        if (definition is CompensateEventDefinition && catcher is StartEvent { Container: SubProcess { Container: not SubProcess } })
        {
            return $"'{catcher.DisplayName}' starts a compensation event subprocess of the process itself; only a subprocess's compensation event subprocess is run (when the subprocess is compensated).";
        }

        // A repeating timer makes sense only where the catcher does not end what it listens on.
        var interrupting = catcher is BoundaryEvent boundary ? boundary.CancelActivity : catcher is StartEvent { IsInterrupting: true };
        return EventSubscriptions.Waits(definition) ? EventSubscriptions.WhyUnsupported(catcher, definition, cycleAllowed: !interrupting) : null;
    }
}
