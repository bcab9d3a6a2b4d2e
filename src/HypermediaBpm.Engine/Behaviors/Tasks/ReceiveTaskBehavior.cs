using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>
/// Receive task: waits for its message (one without a <c>messageRef</c> waits for a message named after the
/// task's id), takes the message's variables and moves on.
/// </summary>
public sealed class ReceiveTaskBehavior : IFlowNodeBehavior
{
    public void Execute(IBehaviorContext execution, Token token, FlowNode node) =>
        execution.Open(token, EventSubscriptions.ForReceiveTask((ReceiveTask)node, execution.Process, execution.Variables,
            execution.Instance.BusinessKey, execution.Instance.Id, token.Id, execution.Now));

    public void Trigger(IBehaviorContext execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        execution.SetVariables(variables, node);
        execution.Leave(token, node);
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
