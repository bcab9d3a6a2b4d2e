using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Events;

public sealed class EventBasedGatewayTests
{
    private static readonly Dictionary<string, object?> None = new();

    [Fact]
    public async Task EventGateway_CorpusSameTarget_OneSubscriptionPerEventAndSignalWins()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("bpmnelements-event-based-gateway-with-same-target.bpmn");
        var instance = await h.StartAsync(key);

        var subscriptions = await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None);
        Assert.Equal(["signalEvent", "timerEvent"], subscriptions.Select(s => s.ActivityId).Order());
        Assert.Equal("gateway", Assert.Single(instance.Tokens).ActivityId);

        var broadcast = await h.Engine.BroadcastSignalAsync("signalEvent", None, CancellationToken.None);

        Assert.Equal([instance.Id], broadcast.Reached);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Null(await h.Store.GetNextTimerDueAsync(CancellationToken.None));
        var passed = (await h.HistoryAsync(instance.Id)).Select(e => e.ActivityId).ToList();
        Assert.Contains("Task_1pfzr39", passed);
        Assert.DoesNotContain("timerEvent", passed);
    }

    [Fact]
    public async Task EventGateway_CorpusSameTarget_TimerWinsAndSignalSubscriptionRemoved()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("bpmnelements-event-based-gateway-with-same-target.bpmn");
        var instance = await h.StartAsync(key);

        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await new TimerScheduler(h.Engine, h.Clock).FireDueAsync(CancellationToken.None));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Empty(await h.Store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, "signalEvent"), CancellationToken.None));
        Assert.Empty((await h.Engine.BroadcastSignalAsync("signalEvent", None, CancellationToken.None)).Reached);
    }

    [Fact]
    public async Task EventGateway_CorpusMessageAgainstTimer_MessageInTimeTakesTheMessagePath()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("libbpmn-message-intermediate-timer-event.bpmn");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["message"] = "m-1" });

        h.Clock.Advance(TimeSpan.FromMilliseconds(500));
        var sent = await h.Engine.CorrelateMessageAsync("message", "m-1", None, null, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await new TimerScheduler(h.Engine, h.Clock).FireDueAsync(CancellationToken.None));

        Assert.Equal([instance.Id], sent.Reached);
        var job = Assert.Single(await h.Engine.GetJobsAsync(null, 10, CancellationToken.None));
        Assert.Equal(("task-for-message", "task-for-message"), (job.Topic, job.ActivityId));
        await h.Engine.CompleteJobAsync(job.Id, None, Commands.CommandContext.Anonymous, CancellationToken.None);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task EventGateway_CorpusMessageAgainstTimer_NoMessageTakesTheTimerPath()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("libbpmn-message-intermediate-timer-event.bpmn");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["message"] = "m-2" });

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await new TimerScheduler(h.Engine, h.Clock).FireDueAsync(CancellationToken.None));

        Assert.Equal("task-for-timer", Assert.Single(await h.Engine.GetJobsAsync("task-for-timer", 10, CancellationToken.None)).ActivityId);
        await Assert.ThrowsAsync<Errors.NotFoundException>(() => h.Engine.CorrelateMessageAsync("message", "m-2", None, null, CancellationToken.None));
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
    }
}
