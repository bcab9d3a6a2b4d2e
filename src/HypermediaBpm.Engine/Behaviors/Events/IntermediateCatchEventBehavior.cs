using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Intermediate catch events. A link catch is where a link throw lands, so the token passes on. A timer,
/// message or signal catch parks the token on a subscription made from the event's trigger; when it fires,
/// the message's variables are set and the token moves on.
/// </summary>
public sealed class IntermediateCatchEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var catching = (IntermediateCatchEvent)node;
        return catching.Trigger switch
        {
            LinkEventDefinition => null,
            { } trigger when EventSubscriptions.Waits(trigger) => EventSubscriptions.WhyUnsupported(catching, trigger, cycleAllowed: false),
            _ => $"'{catching.DisplayName}' is a {string.Join("/", catching.EventDefinitions.Select(d => d.ElementName))} intermediate catch event, which this engine does not run yet.",
        };
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        if (((IntermediateCatchEvent)node).Trigger is LinkEventDefinition)
        {
            execution.Leave(token, node);
            return;
        }

        execution.Subscribe(token, node, ((IntermediateCatchEvent)node).Trigger!);
    }

    public void Trigger(ProcessExecution execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        execution.SetVariables(variables, node);
        execution.Leave(token, node);
    }

    public void Cancel(ProcessExecution execution, Token token, FlowNode node) => execution.CloseSubscriptions(token);
}
