using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Events;

public sealed class TimerTests
{
    [Fact]
    public async Task TimerCatch_CorpusTimerEvent_WaitsUntilDueThenContinues()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("bpmnelements-timer-event.bpmn");
        var scheduler = new TimerScheduler(h.Engine, h.Clock);
        var started = h.Clock.GetUtcNow();

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Running, instance.State);
        var timer = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Equal(SubscriptionKinds.Timer, timer.Kind);
        Assert.Equal("duration", timer.ActivityId);
        Assert.Equal(started + TimeSpan.FromMilliseconds(50), timer.DueAt);
        Assert.Equal(0, await scheduler.FireDueAsync(CancellationToken.None));

        h.Clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));

        instance = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
        var history = await h.HistoryAsync(instance.Id);
        Assert.Single(history, e => e.Type == HistoryTypes.EventReceived && e.ActivityId == "duration");
        Assert.Contains(history, e => e.ActivityId == "task2");
    }

    [Fact]
    public async Task TimerCatch_DurationExpression_EvaluatedWithInstanceVariables()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");
        var scheduler = new TimerScheduler(h.Engine, h.Clock);

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["delay"] = "PT2H" });

        var timer = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Equal(h.Clock.GetUtcNow().AddHours(2), timer.DueAt);
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await scheduler.FireDueAsync(CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));
        Assert.Equal("after", Assert.Single(await h.TasksAsync(instance.Id)).ActivityId);
    }

    [Fact]
    public async Task TimerCatch_FeelDate_DueAtThatInstant()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-date");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["due"] = "2026-11-22T10:00:00Z" });

        var timer = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), timer.DueAt);
    }

    [Fact]
    public async Task TimerCatch_ExpressionGivesNoDuration_IncidentNotRequestFailure()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["delay"] = "soon" });

        Assert.Equal(InstanceStates.Failed, instance.State);
        Assert.Equal("wait", Assert.Single(instance.Incidents).ActivityId);
        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
    }

    [Fact]
    public async Task TimerCatch_InstanceCancelled_TimerWithdrawn()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-parallel-wait");
        var instance = await h.StartAsync(key);
        Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));

        await h.Engine.CancelAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);

        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TimerCatch_ParallelBranchFires_OtherBranchStillWaits()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-parallel-wait");
        var scheduler = new TimerScheduler(h.Engine, h.Clock);
        var instance = await h.StartAsync(key);

        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));

        instance = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Running, instance.State);
        Assert.Equal("work", Assert.Single(instance.Tokens).ActivityId);
        await h.CompleteAsync(Assert.Single(await h.TasksAsync(instance.Id, TaskStates.Open)));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task TimerStart_CorpusDuration_StartsExactlyOneInstanceThenNoTimerRemains()
    {
        await using var h = await EngineHarness.CreateAsync();
        var deployedAt = h.Clock.GetUtcNow();
        var key = await h.DeployCorpusAsync("camunda-StartTimerEventTest.testDurationStartTimerEvent.bpmn20.xml");
        var scheduler = new TimerScheduler(h.Engine, h.Clock);

        Assert.Equal(deployedAt.AddMinutes(5), await h.Store.GetNextTimerDueAsync(CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));
        Assert.Equal(0, await scheduler.FireDueAsync(CancellationToken.None));

        var instances = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: key), CancellationToken.None);
        var instance = Assert.Single(instances.Items);
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
        var waiting = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Equal(("message", "receive", "receive"), (waiting.Kind, waiting.Name, waiting.ActivityId));

        // A receive task without a message waits for a message named after its id.
        var sent = await h.Engine.CorrelateMessageAsync("receive", null, new Dictionary<string, object?>(), null, CancellationToken.None);

        Assert.Equal([instance.Id], sent.Reached);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task TimerStart_CycleR3_FiresThreeTimesThenStops()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-start-cycle");
        var scheduler = new TimerScheduler(h.Engine, h.Clock);

        for (var i = 0; i < 5; i++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(i < 3 ? 1 : 0, await scheduler.FireDueAsync(CancellationToken.None));
        }

        var instances = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: key), CancellationToken.None);
        Assert.Equal(3, instances.Items.Count);
        Assert.All(instances.Items, i => Assert.Equal(InstanceStates.Completed, i.State));
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TimerStart_CycleMissedManyOccurrences_FiresOnceAndMovesToTheNextAfterNow()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-start-cycle");
        var scheduler = new TimerScheduler(h.Engine, h.Clock);
        var deployedAt = h.Clock.GetUtcNow();

        h.Clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));

        // Due at 10 s, 20 s and 30 s: the one at 20 s was missed, so one is left, at 30 s.
        var timer = Assert.Single(await h.Store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Timer, Starts: true), CancellationToken.None));
        Assert.Equal((deployedAt.AddSeconds(30), 0), (timer.DueAt, timer.RepeatsLeft));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
        Assert.Equal(2, (await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: key), CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task TimerStart_NewVersion_ReplacesTheOldVersionsTimer()
    {
        await using var h = await EngineHarness.CreateAsync();
        var first = await h.Engine.DeployAsync(EngineHarness.Fixture("timer-start-cycle"), null, null, null, CancellationToken.None);
        var second = await h.Engine.DeployAsync(EngineHarness.Fixture("timer-start-date"), null, null, null, CancellationToken.None);

        Assert.Equal(first.Key, second.Key);
        var starts = await h.Store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Timer, Starts: true), CancellationToken.None);
        var only = Assert.Single(starts);
        Assert.Equal((second.Id, "once"), (only.DefinitionId, only.ActivityId));
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero), only.DueAt);
    }

    [Fact]
    public async Task Timers_FallenDueWhileNoServerRan_FireOnTheFirstPassAfterRestart()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["delay"] = "PT10M" });

        await h.ReopenAsync();
        h.Clock.Advance(TimeSpan.FromDays(3));
        var scheduler = new TimerScheduler(h.Engine, h.Clock);

        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));
        Assert.Equal("after", Assert.Single(await h.TasksAsync(instance.Id)).ActivityId);
    }

    [Fact]
    public async Task Deploy_InvalidTimers_RefusedWithEveryProblemLocated()
    {
        await using var h = await EngineHarness.CreateAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => h.DeployAsync("timer-invalid"));

        Assert.Equal(["bad", "cycle"], refused.Errors.Select(e => e.Element).Order());
        Assert.All(refused.Errors, e => Assert.True(e.Line > 0 && e.Column > 0));
        Assert.Contains(refused.Errors, e => e.Message.Contains("ISO 8601 duration", StringComparison.Ordinal));
    }
}
