using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Intermediate throw event: a none throw passes through; a signal throw broadcasts and a message throw
/// publishes (to the same name and correlation key a catch would use), delivered once this run has committed,
/// so the thrower never catches its own signal with a catch it reaches later in the same run.
/// </summary>
public sealed class IntermediateThrowEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var throwing = (IntermediateThrowEvent)node;
        return throwing.EventDefinitions.Count == 0
            || (throwing.Trigger is MessageEventDefinition or SignalEventDefinition && EventSubscriptions.WhyUnsupported(throwing, throwing.Trigger, false) is null)
            ? null
            : $"'{throwing.DisplayName}' is a {string.Join("/", throwing.EventDefinitions.Select(d => d.ElementName))} intermediate throw event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        switch (((IntermediateThrowEvent)node).Trigger)
        {
            case SignalEventDefinition signal:
                execution.ThrowSignal(EventSubscriptions.SignalName(signal)!);
                break;
            case MessageEventDefinition message:
                execution.PublishMessage(EventSubscriptions.MessageName(message)!, execution.CorrelationKeyOf(message));
                break;
        }

        execution.Leave(token, node);
    }
}
