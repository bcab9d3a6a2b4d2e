using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Events;

public sealed class SignalTests
{
    private static readonly Dictionary<string, object?> None = new();

    [Fact]
    public async Task SignalThrow_CorpusSignalAfterSignal_DoesNotReachItsOwnLaterCatch()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("bpmnelements-signal-after-signal.bpmn");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Running, instance.State);
        Assert.Equal("Event_1kv9ixt", Assert.Single(instance.Tokens).ActivityId);
        var broadcast = await h.Engine.BroadcastSignalAsync("Signal_1", None, CancellationToken.None);
        Assert.Equal([instance.Id], broadcast.Reached);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Broadcast_ReachesEveryWaitingInstanceAndStartsSignalStartProcesses()
    {
        await using var h = await EngineHarness.CreateAsync();
        var catching = await h.DeployAsync("signal-catch");
        var starting = await h.DeployAsync("signal-start");
        var one = await h.StartAsync(catching);
        var two = await h.StartAsync(catching);

        var broadcast = await h.Engine.BroadcastSignalAsync("alert", new Dictionary<string, object?> { ["level"] = "red" }, CancellationToken.None);

        Assert.Equal(new[] { one.Id, two.Id }.Order(), broadcast.Reached.Order());
        var started = await h.InstanceAsync(Assert.Single(broadcast.Started));
        Assert.Equal((starting, "red"), (started.ProcessKey, started.Variables["level"]));
        Assert.Equal("handle", Assert.Single(await h.TasksAsync(started.Id)).ActivityId);
        Assert.Equal("red", (await h.InstanceAsync(one.Id)).Variables["level"]);
        Assert.All([one.Id, two.Id], id => Assert.Equal(InstanceStates.Completed, h.InstanceAsync(id).Result.State));

        // Nobody waits any more, but the start event still listens.
        var again = await h.Engine.BroadcastSignalAsync("alert", None, CancellationToken.None);
        Assert.Empty(again.Reached);
        Assert.Single(again.Started);
    }

    [Fact]
    public async Task SignalEnd_ReachesWaitingInstancesAndStartsOthers()
    {
        await using var h = await EngineHarness.CreateAsync();
        var catching = await h.DeployAsync("signal-catch");
        var starting = await h.DeployAsync("signal-start");
        var raising = await h.DeployAsync("signal-end");
        var waiting = await h.StartAsync(catching);

        var raiser = await h.StartAsync(raising);

        Assert.Equal(InstanceStates.Completed, raiser.State);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(waiting.Id)).State);
        var started = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: starting), CancellationToken.None);
        Assert.Single(started.Items);
    }

    [Fact]
    public async Task Broadcast_NobodyListens_AnswersWithNothingReached()
    {
        await using var h = await EngineHarness.CreateAsync();

        var broadcast = await h.Engine.BroadcastSignalAsync("nobody", None, CancellationToken.None);

        Assert.Empty(broadcast.Reached);
        Assert.Empty(broadcast.Started);
    }
}
