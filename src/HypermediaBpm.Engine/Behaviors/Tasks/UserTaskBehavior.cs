using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>User task: creates a task for a person and waits until it is completed.</summary>
public sealed class UserTaskBehavior : IFlowNodeBehavior
{
    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        var task = (UserTask)node;
        var assignee = task.Assignee is { Length: > 0 } a ? execution.EvaluateText(a) : null;
        var users = task.CandidateUsers.Select(execution.EvaluateText).SelectMany(Split).ToList();
        var groups = task.CandidateGroups.Select(execution.EvaluateText).SelectMany(Split).ToList();
        execution.CreateTask(token, task, string.IsNullOrWhiteSpace(assignee) ? null : assignee, users, groups);
    }

    public void Trigger(ProcessExecution execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        execution.SetVariables(variables, node);
        execution.Leave(token, node);
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
