using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// What a validated migration writes besides the instance itself: its open tasks, its subscriptions and its jobs,
/// each rewritten to the target's element and definition under the id it had, so links to them stay good.
/// </summary>
internal static class MigrationRewrite
{
    /// <summary>Moves the tokens, incidents and compensation records to the target's element ids.</summary>
    public static void MoveState(ProcessInstance instance, DeployedProcess target, MigrationPlan plan)
    {
        foreach (var token in instance.Tokens)
        {
            token.ActivityId = plan.Map(token.ActivityId);
            if (token.ViaFlowId is { } via && !target.Node(token.ActivityId).Incoming.Exists(f => f.Id == via))
            {
                // Only joins count the flow a token came by (and the planner made sure theirs exist).
                token.ViaFlowId = null;
            }
        }

        for (var i = 0; i < instance.Incidents.Count; i++)
        {
            instance.Incidents[i] = instance.Incidents[i] with { ActivityId = plan.Map(instance.Incidents[i].ActivityId) };
        }

        if (instance.HasCompensations)
        {
            var records = instance.Compensations;
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                records[i] = new CompensationRecord
                {
                    Id = r.Id, ActivityId = plan.Map(r.ActivityId), HandlerId = r.HandlerId is null ? null : plan.Map(r.HandlerId),
                    ScopeId = r.ScopeId, ThrowerId = r.ThrowerId,
                };
            }
        }
    }

    /// <summary>The open task at the target's element: assignee, candidates, draft and revision history kept.</summary>
    public static TaskRecord Task(TaskRecord task, DeployedProcess target, MigrationPlan plan, DateTimeOffset now)
    {
        var node = target.Node(plan.Map(task.ActivityId));
        return task with { DefinitionId = target.Record.Id, ActivityId = node.Id, Name = node.DisplayName, Revision = task.Revision + 1, UpdatedAt = now };
    }

    /// <summary>
    /// The subscription at the target's catcher, under its old id. A message or signal takes the target's name (a
    /// message keeps the correlation key it was opened with). A timer keeps its due time when the target's timer is
    /// written the same; otherwise it is scheduled anew from the target's definition, as if its catcher opened now.
    /// </summary>
    public static SubscriptionRecord Subscription(
        SubscriptionRecord s, ProcessExecution execution, DeployedProcess source, DeployedProcess target, MigrationPlan plan, DateTimeOffset now)
    {
        var catcher = target.Node(plan.Map(s.ActivityId));
        var moved = s with { ActivityId = catcher.Id, DefinitionId = target.Record.Id, LeaseOwner = null, LeaseUntil = null };
        switch (s.Kind)
        {
            case SubscriptionKinds.Message:
                return moved with { Name = MessageName(catcher) ?? s.Name };
            case SubscriptionKinds.Signal:
                return moved with { Name = (catcher as Event)?.Trigger is SignalEventDefinition signal ? EventSubscriptions.SignalName(signal) : s.Name };
            case SubscriptionKinds.Timer when (catcher as Event)?.Trigger is TimerEventDefinition timer
                && !SameTimer(timer, (source.Process.ElementsById.GetValueOrDefault(s.ActivityId) as Event)?.Trigger as TimerEventDefinition):
                var saved = execution.Variables.Current;
                execution.Variables.Current = s.TokenId is null ? null : execution.Instance.Tokens.Find(t => t.Id == s.TokenId);
                try
                {
                    var fresh = EventSubscriptions.Create(timer, catcher, target, execution.Variables, execution.Instance.BusinessKey, s.InstanceId, s.TokenId, now);
                    return fresh with { Id = s.Id };
                }
                catch (Exception ex) when (ex is FormatException or Expressions.ExpressionEvaluationException or Expressions.ExpressionSyntaxException)
                {
                    throw new ValidationException(MigrationPlanner.InvalidCode, $"The timer of '{catcher.Id}' in version {target.Record.Version} cannot be scheduled: {ex.Message}",
                        [new ValidationError("TIMER_INVALID", ex.Message, Element: s.ActivityId)]);
                }
                finally
                {
                    execution.Variables.Current = saved;
                }

            default:
                return moved;
        }
    }

    /// <summary>The job at the target's element under its id; a job a worker holds now cannot move (409).</summary>
    public static JobRecord Job(JobRecord job, DeployedProcess target, MigrationPlan plan, DateTimeOffset now)
    {
        if (job.IsLockedAt(now))
        {
            throw new InvalidStateException("MIGRATION_JOB_LOCKED",
                $"Job '{job.Id}' at '{job.ActivityId}' is locked by worker '{job.LockOwner}' until {job.LockExpiresAt:O}; migrate when it is done or its lock runs out.",
                new Dictionary<string, object?> { ["job"] = job.Id, ["instance"] = job.InstanceId, ["lockExpiresAt"] = job.LockExpiresAt });
        }

        return job with { ActivityId = plan.Map(job.ActivityId), DefinitionId = target.Record.Id };
    }

    /// <summary>The message a catcher waits for, named as <see cref="EventSubscriptions"/> names it when it opens.</summary>
    private static string? MessageName(FlowNode catcher) => catcher switch
    {
        ReceiveTask task => task.Message is null ? task.Id : NonEmpty(task.Message.Name) ?? NonEmpty(task.MessageRef),
        Event { Trigger: MessageEventDefinition message } => EventSubscriptions.MessageName(message),
        _ => null,
    };

    private static bool SameTimer(TimerEventDefinition a, TimerEventDefinition? b) =>
        b is not null && NonEmpty(a.TimeDate) == NonEmpty(b.TimeDate) && NonEmpty(a.TimeDuration) == NonEmpty(b.TimeDuration)
        && NonEmpty(a.TimeCycle) == NonEmpty(b.TimeCycle);

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
