using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>The task area's public face; the commands themselves are <see cref="Commanding.TaskCommands"/>.</summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// Completes a task with its form's values (typed and checked) and runs the instance on until it waits.
    /// Of two clients completing one task, exactly one wins; the other gets <c>TASK_NOT_OPEN</c> or a conflict.
    /// </summary>
    public Task<CommandOutcome> CompleteTaskAsync(
        string taskId, IReadOnlyDictionary<string, object?> variables, bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken) =>
        _tasks.CompleteAsync(taskId, variables, fromHtmlForm, context, cancellationToken);

    /// <summary>
    /// As <see cref="CompleteTaskAsync(string, IReadOnlyDictionary{string, object?}, bool, CommandContext, CancellationToken)"/>,
    /// with the caller's <paramref name="check"/> of the task (who may see and complete it) run on the task the command
    /// reads, before anything else: one read of the task per attempt instead of one by the caller and one by the command.
    /// </summary>
    public Task<CommandOutcome> CompleteTaskAsync(
        string taskId, IReadOnlyDictionary<string, object?> variables, bool fromHtmlForm, CommandContext context, Action<TaskRecord> check,
        CancellationToken cancellationToken) =>
        _tasks.CompleteAsync(taskId, variables, fromHtmlForm, context, cancellationToken, check);

    /// <summary>Takes an open task for <paramref name="assignee"/>.</summary>
    public Task<CommandOutcome> ClaimTaskAsync(string taskId, string assignee, CommandContext context, CancellationToken cancellationToken) =>
        _tasks.ClaimAsync(taskId, assignee, context, cancellationToken);

    /// <summary>Gives an open or claimed task to <paramref name="assignee"/> (an operator's <c>assign</c>).</summary>
    public Task<CommandOutcome> AssignTaskAsync(string taskId, string assignee, CommandContext context, CancellationToken cancellationToken) =>
        _tasks.AssignAsync(taskId, assignee, context, cancellationToken);

    /// <summary>Gives a claimed task back to its candidates.</summary>
    public Task<CommandOutcome> UnclaimTaskAsync(string taskId, CommandContext context, CancellationToken cancellationToken) =>
        _tasks.UnclaimAsync(taskId, context, cancellationToken);
}
