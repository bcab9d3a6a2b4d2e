using System.Text.Json;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The migration area: moves a running instance to another version of its process (Camunda's migration plan, Zeebe's
/// MigrateProcessInstance). It is validated first (<see cref="MigrationPlanner"/>); then the instance's state, its
/// open tasks, subscriptions and jobs are rewritten and committed in the instance's one change set, guarded by its
/// revision, with an <see cref="MigratedEvent"/> history event. Nothing runs: the instance goes on waiting where it
/// waited, at the target's elements.
/// </summary>
internal sealed class MigrationCommands(CommandPipeline pipeline, Behaviors.BehaviorTable behaviors)
{
    /// <summary>The history event of a migration (data: from and to definition and version, and the mapping of its active elements).</summary>
    public const string MigratedEvent = "instance-migrated";

    public Task<CommandOutcome> MigrateAsync(string instanceId, MigrationPlan plan, CommandContext context, CancellationToken cancellationToken) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            if (await pipeline.ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            var (instance, source) = await pipeline.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            CommandPipeline.CheckPrecondition(context, instance.Id, instance.Revision);
            instance.EnsureActive();
            var target = await pipeline.Definitions.GetAsync(plan.TargetDefinitionId, cancellationToken).ConfigureAwait(false);
            CheckTarget(instance, target);
            var store = pipeline.Store;
            var subscriptions = await store.QuerySubscriptionsAsync(new SubscriptionQuery(InstanceId: instance.Id, Limit: int.MaxValue), cancellationToken).ConfigureAwait(false);
            var errors = new MigrationPlanner(instance, source, target, plan, behaviors).Validate(subscriptions);
            if (errors.Count > 0)
            {
                throw new ValidationException(MigrationPlanner.InvalidCode,
                    $"Instance '{instance.Id}' cannot migrate to version {target.Record.Version}: {errors.Count} active element(s) do not map.", errors);
            }

            var now = pipeline.Now;
            var tasks = new List<TaskRecord>();
            foreach (var task in await OpenTasksAsync(instance.Id, cancellationToken).ConfigureAwait(false))
            {
                tasks.Add(MigrationRewrite.Task(task, target, plan, now));
            }

            var jobs = new List<JobRecord>();
            foreach (var workItem in instance.Tokens.Select(t => t.WorkItemId).OfType<string>())
            {
                if (await store.GetJobAsync(workItem, cancellationToken).ConfigureAwait(false) is { } job && job.InstanceId == instance.Id)
                {
                    jobs.Add(MigrationRewrite.Job(job, target, plan, now));
                }
            }

            var mapping = MappingOf(instance, plan);
            MigrationRewrite.MoveState(instance, target, plan);
            var migrated = InstanceStateSerializer.Deserialize(new StoredInstance(
                new InstanceSummary(instance.Id, target.Record.Id, instance.ProcessKey, target.Record.Version, instance.BusinessKey, instance.State,
                    instance.Revision, instance.StartedAt, instance.EndedAt, instance.UpdatedAt, instance.Parent),
                InstanceStateSerializer.Serialize(instance)));
            var session = pipeline.NewSession(context, now);
            var execution = session.Add(pipeline.NewExecution(migrated, target, now, context.User));
            var moved = subscriptions.Select(s => MigrationRewrite.Subscription(s, execution, source, target, plan, now)).ToList();
            execution.Record(MigratedEvent, null, null, null, JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["fromDefinition"] = source.Record.Id,
                ["fromVersion"] = source.Record.Version,
                ["toDefinition"] = target.Record.Id,
                ["toVersion"] = target.Record.Version,
                ["mapping"] = mapping,
            }));
            IReadOnlyList<TaskRecord> written;
            try
            {
                written = await CommitAsync(session, tasks, context, instance.Id, subscriptions, moved, jobs, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("idempotencyKey"))
            {
                // The same request raced us and won: answer what it answered.
                var winner = await pipeline.ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false);
                if (winner is null)
                {
                    throw;
                }

                return winner;
            }

            return new CommandOutcome(instance.Id, instance.Id) { Instance = migrated, Tasks = written };
        });

    private Task<IReadOnlyList<TaskRecord>> CommitAsync(
        CommandSession session, List<TaskRecord> tasks, CommandContext context, string instanceId, IReadOnlyList<SubscriptionRecord> subscriptions,
        List<SubscriptionRecord> moved, List<JobRecord> jobs, CancellationToken cancellationToken) =>
            pipeline.CommitAsync(session, tasks, context, instanceId, 200, cancellationToken, changes =>
            {
                // Each subscription goes and comes back under its id at the target's catcher (closes are applied first).
                foreach (var s in subscriptions)
                {
                    changes.ClosedCatchers.Add((instanceId, s.TokenId, s.ActivityId));
                }

                changes.Subscriptions.AddRange(moved);
                foreach (var job in jobs)
                {
                    changes.RemovedJobs.Add((job.Id, true));
                    changes.Jobs.Add(job);
                }
            });

    private static void CheckTarget(ProcessInstance instance, Definitions.DeployedProcess target)
    {
        var why = target.Record.Key != instance.ProcessKey
            ? $"Definition '{target.Record.Id}' is of process '{target.Record.Key}', not '{instance.ProcessKey}': an instance migrates between versions of its own process."
            : target.Record.Id == instance.DefinitionId
                ? $"Instance '{instance.Id}' already runs version {target.Record.Version}."
                : !target.Record.Executable
                    ? $"Version {target.Record.Version} was deployed for documentation only."
                    : null;
        if (why is not null)
        {
            throw new ValidationException(MigrationPlanner.InvalidCode, why, [new ValidationError("TARGET_INVALID", why, "target")]);
        }
    }

    /// <summary>Source → target id of every element active now, for the history event.</summary>
    private static SortedDictionary<string, string> MappingOf(ProcessInstance instance, MigrationPlan plan)
    {
        var mapping = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in instance.Tokens)
        {
            mapping[token.ActivityId] = plan.Map(token.ActivityId);
        }

        return mapping;
    }

    private async Task<List<TaskRecord>> OpenTasksAsync(string instanceId, CancellationToken cancellationToken)
    {
        var open = new List<TaskRecord>();
        string? after = null;
        while (true)
        {
            var page = await pipeline.Store.QueryTasksAsync(
                new TaskQuery(new PageRequest(PageRequest.MaxSize, After: after), InstanceId: instanceId), cancellationToken).ConfigureAwait(false);
            open.AddRange(page.Items.Where(t => TaskStates.IsActive(t.State)));
            if (!page.HasNext)
            {
                return open;
            }

            after = page.LastKey;
        }
    }
}
