using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>Abstract and manual tasks: nothing for the engine to do, so the token moves on (as in Camunda).</summary>
public sealed class PassThroughBehavior : IFlowNodeBehavior
{
    public void Execute(IBehaviorContext execution, Token token, FlowNode node) => execution.Leave(token, node);
}
