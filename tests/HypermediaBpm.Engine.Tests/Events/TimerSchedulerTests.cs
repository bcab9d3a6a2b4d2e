using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Events;

/// <summary>Exactly-once firing from the store, with two schedulers on one database as two server processes would have.</summary>
public sealed class TimerSchedulerTests
{
    [Fact]
    public async Task TwoSchedulersOnOneDatabase_ThousandDueTimers_EachFiresExactlyOnce()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");
        var ids = new List<string>();
        for (var batch = 0; batch < 10; batch++)
        {
            var started = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
                h.Engine.StartAsync(key, null, null, new Dictionary<string, object?> { ["delay"] = "PT1M" }, false, Commands.CommandContext.Anonymous, CancellationToken.None)));
            ids.AddRange(started.Select(o => o.InstanceId));
        }

        var (secondEngine, secondStore) = await h.OpenSecondAsync();
        await using var _ = secondStore;
        var small = new TimerSchedulerOptions { BatchSize = 16 };
        var one = new TimerScheduler(h.Engine, h.Clock, small, "scheduler-1");
        var two = new TimerScheduler(secondEngine, h.Clock, small, "scheduler-2");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var fired = await Task.WhenAll(Task.Run(() => one.FireDueAsync(CancellationToken.None)), Task.Run(() => two.FireDueAsync(CancellationToken.None)));

        Assert.Equal(1000, fired[0] + fired[1]);
        Assert.True(fired[0] > 0 && fired[1] > 0, $"both schedulers should take part: {fired[0]} and {fired[1]}");
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
        foreach (var id in ids)
        {
            var history = await h.HistoryAsync(id);
            Assert.Single(history, e => e.Type == HistoryTypes.EventReceived);
            var task = Assert.Single(await h.TasksAsync(id));
            Assert.Equal("after", task.ActivityId);
        }
    }

    [Fact]
    public async Task ExpiredLease_OtherSchedulerTookOver_FirstOwnersFiringWritesNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["delay"] = "PT1M" });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = h.Clock.GetUtcNow();

        // The first owner claims, then stalls past its lease; the second takes the timer over and fires it.
        var claimed = Assert.Single(await h.Store.ClaimDueTimersAsync("stalled", now, now.AddSeconds(30), 10, CancellationToken.None));
        Assert.Empty(await h.Store.ClaimDueTimersAsync("other", now, now.AddSeconds(30), 10, CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        var other = new TimerScheduler(h.Engine, h.Clock, owner: "other");
        Assert.Equal(1, await other.FireDueAsync(CancellationToken.None));

        var late = await h.Engine.FireTimerAsync(claimed, "stalled", CancellationToken.None);

        Assert.Null(late);
        Assert.Single(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.EventReceived);
        Assert.Single(await h.TasksAsync(instance.Id));
    }

    [Fact]
    public async Task LeasedTimer_SameSchedulerAgain_NotClaimedTwiceWhileLeaseHolds()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");
        await h.StartAsync(key, new Dictionary<string, object?> { ["delay"] = "PT1M" });
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var now = h.Clock.GetUtcNow();

        var first = await h.Store.ClaimDueTimersAsync("a", now, now.AddSeconds(30), 10, CancellationToken.None);
        var second = await h.Store.ClaimDueTimersAsync("b", now.AddSeconds(29), now.AddSeconds(59), 10, CancellationToken.None);
        var afterExpiry = await h.Store.ClaimDueTimersAsync("b", now.AddSeconds(30), now.AddSeconds(60), 10, CancellationToken.None);

        Assert.Equal("a", Assert.Single(first).LeaseOwner);
        Assert.Empty(second);
        Assert.Equal("b", Assert.Single(afterExpiry).LeaseOwner);
    }

    [Fact]
    public async Task SuspendedInstance_DueTimer_WaitsUntilResumedAndLeaseRunsOut()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("timer-catch-expression");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["delay"] = "PT1M" });
        await h.Engine.SuspendAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);
        var scheduler = new TimerScheduler(h.Engine, h.Clock, new TimerSchedulerOptions { LeaseDuration = TimeSpan.FromSeconds(30) });
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await scheduler.FireDueAsync(CancellationToken.None));
        await h.Engine.ResumeAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);
        Assert.Equal(0, await scheduler.FireDueAsync(CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await scheduler.FireDueAsync(CancellationToken.None));

        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
        Assert.Single(await h.TasksAsync(instance.Id));
    }
}
