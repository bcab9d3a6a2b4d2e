using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Forms;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The task area: complete, claim, assign, unclaim and save a draft. Each is one change of a task record over one
/// run of its instance, guarded by the task's revision; of two clients changing one task, exactly one wins.
/// </summary>
internal sealed class TaskCommands(CommandPipeline pipeline)
{
    /// <summary>The history event of a task's saved draft (data: the task and the names of the fields saved).</summary>
    public const string UpdatedEvent = "task-updated";

    private delegate TaskRecord TaskChange(TaskRecord task, ProcessInstance instance, Definitions.DeployedProcess process, ProcessExecution execution, DateTimeOffset now);

    public Task<CommandOutcome> CompleteAsync(
        string taskId, IReadOnlyDictionary<string, object?> variables, bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken,
        Action<TaskRecord>? check = null) =>
        RunAsync(taskId, context, cancellationToken, check, (task, instance, process, execution, now) =>
        {
            var node = (UserTask)process.Node(task.ActivityId);
            var typed = FormInput.Apply(node.FormFields, variables, fromHtmlForm);
            pipeline.CheckRequestVariables(typed);
            var token = instance.GetToken(task.TokenId);
            execution.Record(HistoryTypes.TaskCompleted, node, token, null, $"{{\"task\":\"{task.Id}\"}}");
            execution.Trigger(token, typed);
            return task with { State = TaskStates.Completed, CompletedAt = now, Assignee = task.Assignee ?? context.User, CompletedBy = context.User };
        });

    public Task<CommandOutcome> ClaimAsync(string taskId, string assignee, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(taskId, context, cancellationToken, null, (task, instance, process, execution, now) =>
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

    public Task<CommandOutcome> AssignAsync(string taskId, string assignee, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(taskId, context, cancellationToken, null, (task, instance, process, execution, now) =>
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

    public Task<CommandOutcome> UnclaimAsync(string taskId, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(taskId, context, cancellationToken, null, (task, instance, process, execution, now) =>
        {
            if (task.State != TaskStates.Claimed)
            {
                throw new InvalidStateException("TASK_NOT_CLAIMED", $"Task '{task.Name}' is not claimed.", new Dictionary<string, object?> { ["task"] = task.Id });
            }

            execution.Record(HistoryTypes.TaskUnclaimed, process.Node(task.ActivityId), null, null, $"{{\"task\":\"{task.Id}\"}}");
            return task with { State = TaskStates.Open, Assignee = null };
        });

    public Task<CommandOutcome> SaveDraftAsync(
        string taskId, IReadOnlyDictionary<string, object?> values, bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken) =>
        RunAsync(taskId, context, cancellationToken, null, (task, instance, process, execution, now) =>
        {
            var node = (UserTask)process.Node(task.ActivityId);
            var draft = FormDrafts.Apply(node.FormFields, values, fromHtmlForm);
            pipeline.CheckRequestVariables(draft);
            var fields = string.Join(",", draft.Keys.Select(k => System.Text.Json.JsonSerializer.Serialize(k)));
            execution.Record(UpdatedEvent, node, instance.GetToken(task.TokenId), null, $"{{\"task\":\"{task.Id}\",\"fields\":[{fields}]}}");
            return task with { DraftJson = VariableJson.Serialize(draft) };
        });

    /// <param name="check">
    /// The caller's check of the task as this attempt read it (the server's visibility and rights), run before anything
    /// else, so that the caller need not read the task a second time.
    /// </param>
    private Task<CommandOutcome> RunAsync(
        string taskId, CommandContext context, CancellationToken cancellationToken, Action<TaskRecord>? check, TaskChange change) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            // One read for the task and its instance; their revisions guard the commit, so a torn pair only retries.
            var read = await pipeline.Store.GetTaskWithInstanceAsync(taskId, cancellationToken).ConfigureAwait(false)
                ?? throw CommandPipeline.TaskNotFound(taskId);
            var task = read.Task;
            check?.Invoke(task);
            if (await pipeline.ReplayAsync(context, _ => Task.FromResult(task.InstanceId), cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            EnsureOpen(task);
            CommandPipeline.CheckPrecondition(context, task.Id, task.Revision);
            var (instance, process) = await pipeline.LoadAsync(read.Instance ?? throw CommandPipeline.InstanceNotFound(task.InstanceId), cancellationToken)
                .ConfigureAwait(false);
            if (instance.IsEnded && await pipeline.Store.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } current)
            {
                // The task was read before another command completed it and ended the instance: say so.
                EnsureOpen(current);
            }

            instance.EnsureActive();
            var now = pipeline.Now;
            var session = pipeline.NewSession(context, now);
            session.Found(task);
            var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
            var changed = change(task, instance, process, execution, now) with { Revision = task.Revision + 1, UpdatedAt = now };
            IReadOnlyList<TaskRecord> written;
            try
            {
                written = await pipeline.CommitAsync(session, [changed], context, task.Id, 200, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("idempotencyKey"))
            {
                var winner = await pipeline.ReplayAsync(context, _ => Task.FromResult(task.InstanceId), cancellationToken).ConfigureAwait(false);
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
