using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>User task: creates a task for a person and waits until it is completed.</summary>
public sealed class UserTaskBehavior : IFlowNodeBehavior
{
    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        var task = (UserTask)node;
        var assignee = task.Assignee is { Length: > 0 } a ? execution.EvaluateText(a) : null;
        var users = task.CandidateUsers.Select(execution.EvaluateText).SelectMany(Split).ToList();
        var groups = task.CandidateGroups.Select(execution.EvaluateText).SelectMany(Split).ToList();
        var due = TaskDueDate.Evaluate(execution, task.DueDate, task.DisplayName);
        execution.CreateTask(token, task, string.IsNullOrWhiteSpace(assignee) ? null : assignee, users, groups, due);
    }

    /// <summary>
    /// The form's values become variables; then the task's output parameters (<c>camunda:outputParameter</c>,
    /// <c>zeebe:output</c>) are evaluated over them and set too (an empty parameter sets null, as in Camunda).
    /// </summary>
    public void Trigger(IBehaviorContext execution, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables)
    {
        execution.SetVariables(variables, node);
        if (node is Activity { OutputMappings.Count: > 0 } activity)
        {
            var mapped = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var mapping in activity.OutputMappings)
            {
                mapped[mapping.Target] = mapping.Source is { Length: > 0 } source ? execution.Process.Template(source.Trim()).Evaluate(execution.Variables) : null;
            }

            execution.SetVariables(mapped, node);
        }

        execution.Leave(token, node);
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
