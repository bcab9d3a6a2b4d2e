using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// A node whose token holds other tokens (a subprocess, a transaction, a multi-instance body): the executor tells it
/// what happens inside, and it decides when it is done. Leaving is <see cref="IFlowNodeBehavior.Leaving"/>.
/// </summary>
public interface IScopeBehavior : IFlowNodeBehavior
{
    /// <summary>
    /// A child of <paramref name="scope"/> completed: a path inside it ended (already taken away), or one instance of
    /// the scope's own activity is done (taken away too; its variables can still be read from it).
    /// </summary>
    void ChildCompleted(IBehaviorContext context, Token scope, FlowNode node, Token child);

    /// <summary>A child of <paramref name="scope"/> was withdrawn (the scope itself may be on its way out).</summary>
    void ChildTerminated(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
    }
}
