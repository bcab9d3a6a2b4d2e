using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>What one kind of BPMN element does when a token arrives, when something from outside wakes it, and when it goes.</summary>
public interface IFlowNodeBehavior
{
    /// <summary>Null when the engine runs this node as modelled; otherwise a sentence saying what it cannot run.</summary>
    string? WhyUnsupported(FlowNode node) => null;

    /// <summary>A token arrived at <paramref name="node"/>.</summary>
    void Execute(IBehaviorContext context, Token token, FlowNode node);

    /// <summary>Something from outside (a completed task) for a token waiting at <paramref name="node"/>.</summary>
    void Trigger(IBehaviorContext context, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables) =>
        throw new Errors.InvalidStateException("NOT_WAITING", $"'{node.DisplayName}' is not waiting for anything from outside.",
            new Dictionary<string, object?> { ["activity"] = node.Id });

    /// <summary>
    /// The token is withdrawn (instance cancelled, terminate end, an event-based gateway's other branch): undo what it
    /// waits on. By default that is a user task; waiting events close their subscriptions.
    /// </summary>
    void Cancel(IBehaviorContext context, Token token, FlowNode node) => context.CancelTask(token);

    /// <summary>
    /// The token leaves the node, whichever way (moved on, ended, withdrawn): close what entering it opened (boundary
    /// events, a scope's event subprocesses). <paramref name="completed"/> is false when it was withdrawn.
    /// </summary>
    void Leaving(IBehaviorContext context, Token token, FlowNode node, bool completed)
    {
    }

    /// <summary>False for nodes that only their event can start (a boundary event, an event subprocess's start).</summary>
    bool StartsByHand(FlowNode node) => true;
}
