using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class EventSubProcessTests
{
    [Fact]
    public async Task InterruptingErrorEventSubProcess_CancelsTheRestOfTheProcess_ThenCompletes()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("event-subprocess-error");
        var instance = await h.StartAsync(key);
        Assert.Equal(["fail", "other"], (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "fail"));

        var caught = await h.InstanceAsync(instance.Id);
        Assert.Equal("FAILED", caught.Variables["code"]);
        Assert.Equal(["onError", "recover"], caught.Tokens.Select(t => t.ActivityId).Order());
        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "other").State);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "recover"));
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Empty(done.Tokens);
    }

    [Fact]
    public async Task NonInterruptingEscalationEventSubProcess_RunsBeside_AndItsScopeWaitsForIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("event-subprocess-escalation");

        var instance = await h.StartAsync(key);

        Assert.Equal(["noted", "work"], (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());
        var sub = Assert.Single(instance.Tokens, t => t.ActivityId == "sub");
        Assert.Equal(sub.Id, Assert.Single(instance.Tokens, t => t.ActivityId == "onNote").ScopeId);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "work"));
        Assert.DoesNotContain((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "after");
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "noted"));
        Assert.Equal("after", Assert.Single((await h.InstanceAsync(instance.Id)).Tokens).ActivityId);
    }
}
