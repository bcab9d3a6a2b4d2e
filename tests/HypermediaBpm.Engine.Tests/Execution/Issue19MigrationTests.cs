using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>Instance migration between process versions through the engine's command path, on a real SQLite file.</summary>
public sealed class Issue19MigrationTests
{
    private static readonly Dictionary<string, object?> None = new();
    private static readonly CommandContext Operator = new(User: "olga");

    [Fact]
    public async Task Issue19_InstanceWaitingAtTaskTimerMessageSubprocessAndJob_MigratesAndCompletesOnV2()
    {
        // Arrange: v1 waits in five ways; a draft and a claim on the review task must survive.
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var v2 = await h.Engine.DeployAsync(MigrationModels.V2, null, null, null, CancellationToken.None);
        var review = await h.OpenTaskAsync(instance.Id, "review");
        await h.Engine.ClaimTaskAsync(review.Id, "carla", CommandContext.Anonymous, CancellationToken.None);
        var timerBefore = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None), s => s.Kind == SubscriptionKinds.Timer);
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        // Act
        await h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id, new Dictionary<string, string> { ["review"] = "check" }), Operator, CancellationToken.None);
        await h.ReopenAsync();

        // Assert: it reloads from the store on v2, waiting where it waited.
        var migrated = await h.InstanceAsync(instance.Id);
        Assert.Equal((v2.Id, 2), (migrated.DefinitionId, migrated.ProcessVersion));
        Assert.Equal(["check", "inner", "pay", "sub", "wait", "work"], migrated.Tokens.Select(t => t.ActivityId).Order());
        var check = await h.OpenTaskAsync(instance.Id, "check");
        Assert.Equal((review.Id, "Check", "carla", TaskStates.Claimed, v2.Id), (check.Id, check.Name, check.Assignee, check.State, check.DefinitionId));
        Assert.Equal(["clerks"], check.CandidateGroups);
        var subscriptions = await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None);
        var timer = Assert.Single(subscriptions, s => s.Kind == SubscriptionKinds.Timer);
        Assert.Equal((timerBefore.Id, timerBefore.DueAt, v2.Id), (timer.Id, timer.DueAt, timer.DefinitionId));
        Assert.Equal("Payment2", Assert.Single(subscriptions, s => s.Kind == SubscriptionKinds.Message).Name);
        var job = Assert.Single(await h.Engine.GetJobsAsync("billing", 10, CancellationToken.None));
        Assert.Equal((v2.Id, "work"), (job.DefinitionId, job.ActivityId));
        var migratedEvent = Assert.Single(await h.HistoryAsync(instance.Id), e => e.Type == "instance-migrated");
        Assert.Equal("olga", migratedEvent.User);
        Assert.Contains("\"fromVersion\":1", migratedEvent.DataJson!, StringComparison.Ordinal);
        Assert.Contains("\"toVersion\":2", migratedEvent.DataJson!, StringComparison.Ordinal);
        Assert.Contains("\"review\":\"check\"", migratedEvent.DataJson!, StringComparison.Ordinal);

        // Act: every branch goes on, on v2.
        await h.CompleteAsync(check);
        await h.Engine.CorrelateMessageAsync("Payment2", null, None, null, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await new TimerScheduler(h.Engine, h.Clock).FireDueAsync(CancellationToken.None));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "inner"));
        await h.Engine.CompleteJobAsync(job.Id, None, CommandContext.Anonymous, CancellationToken.None);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "audit"));

        // Assert: v2's extra task ran, and the instance completed.
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Issue19_UnmappableElements_AreRefusedWithEachNamed_AndTheInstanceIsUnchanged()
    {
        // Arrange: v2 has no "review" (unmapped), and v3's "pay" catches a signal instead of a message.
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        await h.Engine.DeployAsync(MigrationModels.V2, null, null, null, CancellationToken.None);
        var v3 = await h.Engine.DeployAsync(
            MigrationModels.Model(reviewId: "check", payTrigger: "<signalEventDefinition signalRef=\"s1\" />"), null, null, null, CancellationToken.None);
        var stored = await h.Store.GetInstanceAsync(instance.Id, CancellationToken.None);
        var subscriptions = await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None);
        var tasks = (await h.TasksAsync(instance.Id)).Select(t => (t.Id, t.Revision, t.ActivityId, t.DefinitionId)).ToList();

        // Act
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v3.Id), Operator, CancellationToken.None));

        // Assert
        Assert.Equal("MIGRATION_INVALID", refused.Code);
        Assert.Equal([("pay", "TRIGGER_DIFFERS"), ("review", "TARGET_MISSING")], refused.Errors.Select(e => (e.Element!, e.Code)).Order());
        var after = await h.Store.GetInstanceAsync(instance.Id, CancellationToken.None);
        Assert.Equal(stored, after);
        Assert.Equal(subscriptions, await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Equal(tasks, (await h.TasksAsync(instance.Id)).Select(t => (t.Id, t.Revision, t.ActivityId, t.DefinitionId)));
        Assert.DoesNotContain(await h.HistoryAsync(instance.Id), e => e.Type == "instance-migrated");
    }

    [Fact]
    public async Task Issue19_ChangedTimerDefinition_SchedulesTheTimerAnewFromTheMigration()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var v2 = await h.Engine.DeployAsync(MigrationModels.Model(timer: "PT2H"), null, null, null, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(30));

        await h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id), Operator, CancellationToken.None);

        var timer = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None), s => s.Kind == SubscriptionKinds.Timer);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromHours(2), timer.DueAt);
    }

    [Fact]
    public async Task Issue19_StaleRevision_IsPreconditionFailed()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var v2 = await h.Engine.DeployAsync(MigrationModels.Model(), null, null, null, CancellationToken.None);
        var stale = Operator with { Precondition = revision => revision == "0" };

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id), stale, CancellationToken.None));

        Assert.Equal(1, (await h.InstanceAsync(instance.Id)).ProcessVersion);
    }

    [Fact]
    public async Task Issue19_SuspendedInstance_IsRefusedAsWrongState()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var v2 = await h.Engine.DeployAsync(MigrationModels.Model(), null, null, null, CancellationToken.None);
        await h.Engine.SuspendAsync(instance.Id, Operator, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() =>
            h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id), Operator, CancellationToken.None));

        Assert.Equal("INSTANCE_SUSPENDED", refused.Code);
    }

    [Fact]
    public async Task Issue19_JobLockedByAWorker_IsRefusedUntilItIsDone()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var v2 = await h.Engine.DeployAsync(MigrationModels.Model(), null, null, null, CancellationToken.None);
        Assert.Single(await h.Engine.LockJobsAsync(new JobLockRequest("billing", "w1", 1, TimeSpan.FromMinutes(5)), CancellationToken.None));

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() =>
            h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id), Operator, CancellationToken.None));

        Assert.Equal("MIGRATION_JOB_LOCKED", refused.Code);
        Assert.Equal(1, (await h.InstanceAsync(instance.Id)).ProcessVersion);
    }
}
