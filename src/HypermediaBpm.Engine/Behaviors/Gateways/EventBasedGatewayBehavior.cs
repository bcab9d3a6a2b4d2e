using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Gateways;

/// <summary>
/// Event-based gateway: the token waits at the gateway with one subscription per event that follows it
/// (one per event, however many flows lead there). The first to fire wins: the token moves to that event
/// and every other subscription is withdrawn in the same commit.
/// </summary>
public sealed class EventBasedGatewayBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var gateway = (EventBasedGateway)node;
        if (gateway.Instantiate)
        {
            return $"Event-based gateway '{gateway.DisplayName}' instantiates the process, which this engine does not run yet.";
        }

        foreach (var flow in gateway.Outgoing)
        {
            var ok = flow.Target switch
            {
                IntermediateCatchEvent { Trigger: { } trigger } catching when EventSubscriptions.Waits(trigger) => true,
                ReceiveTask => true,
                _ => false,
            };
            if (!ok)
            {
                return $"Event-based gateway '{gateway.DisplayName}' leads to '{flow.Target?.DisplayName}', which is not a timer, message or signal catch event or a receive task.";
            }
        }

        return gateway.Outgoing.Count == 0 ? $"Event-based gateway '{gateway.DisplayName}' has no outgoing flow." : null;
    }

    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        foreach (var target in node.Outgoing.Select(f => f.Target!).Distinct())
        {
            if (target is ReceiveTask receive)
            {
                execution.Open(token, EventSubscriptions.ForReceiveTask(receive, execution.Process, execution.Variables,
                    execution.Instance.BusinessKey, execution.Instance.Id, token.Id, execution.Now));
            }
            else
            {
                execution.Subscribe(token, target, ((IntermediateCatchEvent)target).Trigger!);
            }
        }
    }

    public void Cancel(IBehaviorContext execution, Token token, FlowNode node)
    {
        // Only a token that subscribed has subscriptions to close (a withdrawn token may never have got that far).
        if (token.WorkItemId is not null)
        {
            execution.CloseSubscriptions(token);
        }
    }
}
