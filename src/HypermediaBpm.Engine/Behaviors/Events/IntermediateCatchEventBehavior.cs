using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Intermediate catch events. A link catch is where a link throw lands, so the token passes on. A timer, message or
/// signal catch parks the token on a subscription made from the event's trigger; when it fires, the message's variables
/// are set and the token moves on. A conditional catch passes when its condition holds, else waits until variables change
/// so that it does (<see cref="ConditionalEvents"/>).
/// </summary>
public sealed class IntermediateCatchEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var catching = (IntermediateCatchEvent)node;
        return catching.Trigger switch
        {
            LinkEventDefinition => null,
            ConditionalEventDefinition conditional => ConditionalEvents.WhyUnsupported(catching, conditional),
            { } trigger when EventSubscriptions.Waits(trigger) => EventSubscriptions.WhyUnsupported(catching, trigger, cycleAllowed: false),
            _ => $"'{catching.DisplayName}' is a {string.Join("/", catching.EventDefinitions.Select(d => d.ElementName))} intermediate catch event, which this engine does not run yet.",
        };
    }

    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        switch (((IntermediateCatchEvent)node).Trigger)
        {
            case LinkEventDefinition:
                execution.Leave(token, node);
                return;
            case ConditionalEventDefinition conditional:
                if (ConditionalEvents.Holds(execution, token, conditional))
                {
                    execution.Leave(token, node);
                }
                else
                {
                    execution.Wait(token);
                }

                return;
            case { } trigger:
                execution.Subscribe(token, node, trigger);
                return;
        }
    }

    public void Trigger(IBehaviorContext execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        execution.SetVariables(variables, node);
        execution.Leave(token, node);
    }

    public void Cancel(IBehaviorContext execution, Token token, FlowNode node)
    {
        // Only a token that subscribed has subscriptions to close (a waiting conditional catch has none).
        if (token.WorkItemId is not null)
        {
            execution.CloseSubscriptions(token);
        }
    }
}
