using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// A joining gateway whose waiting tokens the executor asks again once nothing else is ready: a token that ended
/// elsewhere may have been the last one it waited for.
/// </summary>
public interface IJoinBehavior : IFlowNodeBehavior
{
    /// <summary>True when the join may fire now for the token joining at it.</summary>
    bool CanFire(IBehaviorContext context, Token joining, FlowNode node);
}
