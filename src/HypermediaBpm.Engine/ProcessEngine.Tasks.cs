using HypermediaBpm.Engine.Commanding;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Forms;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Completes a task with its form's values (typed and checked) and runs the instance on until it waits.
    /// Of two clients completing one task, exactly one wins; the other gets <c>TASK_NOT_OPEN</c> or a conflict.
    /// </summary>
    public Task<CommandOutcome> CompleteTaskAsync(
        string taskId, IReadOnlyDictionary<string, object?> variables, bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken) =>
        TaskCommandAsync(taskId, context, 200, cancellationToken, (task, instance, process, execution, now) =>
        {
            var node = (UserTask)process.Node(task.ActivityId);
            var typed = FormInput.Apply(node.FormFields, variables, fromHtmlForm);
            CheckRequestVariables(typed);
            var token = instance.GetToken(task.TokenId);
            execution.Record(HistoryTypes.TaskCompleted, node, token, null, $"{{\"task\":\"{task.Id}\"}}");
            execution.Trigger(token, typed);
            return task with { State = TaskStates.Completed, CompletedAt = now, Assignee = task.Assignee ?? context.User, CompletedBy = context.User };
        });

    /// <summary>Takes an open task for <paramref name="assignee"/>.</summary>
    public Task<CommandOutcome> ClaimTaskAsync(string taskId, string assignee, CommandContext context, CancellationToken cancellationToken) =>
        TaskCommandAsync(taskId, context, 200, cancellationToken, (task, instance, process, execution, now) =>
        {
            if (task.State != TaskStates.Open)
            {
                throw new InvalidStateException("TASK_ALREADY_CLAIMED", $"Task '{task.Name}' is already claimed by {task.Assignee}; unclaim it first.",
                    new Dictionary<string, object?> { ["task"] = task.Id, ["assignee"] = task.Assignee });
            }

            if (string.IsNullOrWhiteSpace(assignee))
            {
                throw new ValidationException("INVALID_INPUT", "Say who claims the task.", [new ValidationError("FIELD_REQUIRED", "'assignee' is required.", "assignee")]);
            }

            var claimed = task with { State = TaskStates.Claimed, Assignee = assignee.Trim() };

            // Carries the new assignee so the claimer's worklist feed shows the task.
            execution.Record(HistoryTypes.TaskClaimed, process.Node(task.ActivityId), null, null, ProcessExecution.TaskJson(claimed));
            return claimed;
        });

    /// <summary>Gives an open or claimed task to <paramref name="assignee"/> (an operator's <c>assign</c>).</summary>
    public Task<CommandOutcome> AssignTaskAsync(string taskId, string assignee, CommandContext context, CancellationToken cancellationToken) =>
        TaskCommandAsync(taskId, context, 200, cancellationToken, (task, instance, process, execution, now) =>
        {
            if (string.IsNullOrWhiteSpace(assignee))
            {
                throw new ValidationException("INVALID_INPUT", "Say to whom the task goes.", [new ValidationError("FIELD_REQUIRED", "'assignee' is required.", "assignee")]);
            }

            var assigned = task with { State = TaskStates.Claimed, Assignee = assignee.Trim() };

            // A claim on the new assignee's behalf: their worklist feed shows the task; the event's user is who assigned it.
            execution.Record(HistoryTypes.TaskClaimed, process.Node(task.ActivityId), null, null, ProcessExecution.TaskJson(assigned));
            return assigned;
        });

    /// <summary>Gives a claimed task back to its candidates.</summary>
    public Task<CommandOutcome> UnclaimTaskAsync(string taskId, CommandContext context, CancellationToken cancellationToken) =>
        TaskCommandAsync(taskId, context, 200, cancellationToken, (task, instance, process, execution, now) =>
        {
            if (task.State != TaskStates.Claimed)
            {
                throw new InvalidStateException("TASK_NOT_CLAIMED", $"Task '{task.Name}' is not claimed.", new Dictionary<string, object?> { ["task"] = task.Id });
            }

            execution.Record(HistoryTypes.TaskUnclaimed, process.Node(task.ActivityId), null, null, $"{{\"task\":\"{task.Id}\"}}");
            return task with { State = TaskStates.Open, Assignee = null };
        });

    private delegate TaskRecord TaskChange(TaskRecord task, ProcessInstance instance, Definitions.DeployedProcess process, ProcessExecution execution, DateTimeOffset now);

    private Task<CommandOutcome> TaskCommandAsync(string taskId, CommandContext context, int status, CancellationToken cancellationToken, TaskChange change) =>
        RetryOnConflictAsync(context, async () =>
        {
            var task = await _store.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) ?? throw TaskNotFound(taskId);
            if (await ReplayAsync(context, _ => Task.FromResult(task.InstanceId), cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            EnsureOpen(task);
            CheckPrecondition(context, task.Id, task.Revision);
            var (instance, process) = await LoadAsync(task.InstanceId, cancellationToken).ConfigureAwait(false);
            if (instance.IsEnded && await _store.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } current)
            {
                // The task was read before another command completed it and ended the instance: say so.
                EnsureOpen(current);
            }

            instance.EnsureActive();
            var now = Now;
            var session = _pipeline.NewSession(context, now);
            session.Found(task);
            var execution = session.Add(NewExecution(instance, process, now, context.User));
            var changed = change(task, instance, process, execution, now) with { Revision = task.Revision + 1, UpdatedAt = now };
            IReadOnlyList<TaskRecord> written;
            try
            {
                written = await CommitAsync(session, [changed], context, task.Id, status, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("idempotencyKey"))
            {
                var winner = await ReplayAsync(context, _ => Task.FromResult(task.InstanceId), cancellationToken).ConfigureAwait(false);
                if (winner is null)
                {
                    throw;
                }

                return winner;
            }

            return new CommandOutcome(task.Id, task.InstanceId) { Instance = instance, Tasks = written };
        });

    private static void EnsureOpen(TaskRecord task)
    {
        if (!TaskStates.IsActive(task.State))
        {
            throw new InvalidStateException("TASK_NOT_OPEN", $"Task '{task.Name}' is {task.State}; nothing can be done with it any more.",
                new Dictionary<string, object?> { ["task"] = task.Id, ["state"] = task.State });
        }
    }
}
