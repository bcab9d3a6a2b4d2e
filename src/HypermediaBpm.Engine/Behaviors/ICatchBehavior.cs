using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>A catcher that listens beside a token (a boundary event, an event subprocess's start) and fires from outside.</summary>
public interface ICatchBehavior : IFlowNodeBehavior
{
    /// <summary>
    /// What it waited for arrived: <paramref name="host"/> is the token of the activity a boundary event is attached to,
    /// or of the scope an event subprocess listens in (null: the process).
    /// </summary>
    void Fire(IBehaviorContext context, Token? host, FlowNode catcher, IReadOnlyDictionary<string, object?> variables);
}
