using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>What one kind of BPMN element does when a token arrives, and when something from outside wakes it.</summary>
public interface IFlowNodeBehavior
{
    /// <summary>Null when the engine runs this node as modelled; otherwise a sentence saying what it cannot run.</summary>
    string? WhyUnsupported(FlowNode node) => null;

    /// <summary>A token arrived at <paramref name="node"/>.</summary>
    void Execute(ProcessExecution execution, Token token, FlowNode node);

    /// <summary>Something from outside (a completed task) for a token waiting at <paramref name="node"/>.</summary>
    void Trigger(ProcessExecution execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables) =>
        throw new Errors.InvalidStateException("NOT_WAITING", $"'{node.DisplayName}' is not waiting for anything from outside.",
            new Dictionary<string, object?> { ["activity"] = node.Id });

    /// <summary>
    /// The waiting token is withdrawn (instance cancelled, terminate end, an event-based gateway's other branch):
    /// undo what it waits on. By default that is a user task; waiting events close their subscriptions.
    /// </summary>
    void Cancel(ProcessExecution execution, Token token, FlowNode node) => execution.CancelTask(token);
}
