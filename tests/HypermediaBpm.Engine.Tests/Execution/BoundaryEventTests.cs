using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class BoundaryEventTests
{
    [Fact]
    public async Task ErrorEnd_PropagatesOutwardToTheBoundaryWithItsCode_AndInterrupts()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("error-boundary");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["kind"] = "known" });

        Assert.Equal(InstanceStates.Running, instance.State);
        Assert.Equal("handled404", Assert.Single(instance.Tokens).ActivityId);
        Assert.Equal("404", instance.Variables["code"]);
        Assert.Equal("Not found", instance.Variables["why"]);
        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "sibling").State);
        var history = await h.HistoryAsync(instance.Id);
        Assert.Contains(history, e => e.ActivityId == "sub" && e.Type == HistoryTypes.ActivityCancelled);
        Assert.Contains(history, e => e.ActivityId == "throw404" && e.Type == HistoryTypes.ActivityPassed);
    }

    [Fact]
    public async Task ErrorWithOtherCode_IsCaughtByTheCatchAllBoundary()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("error-boundary");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["kind"] = "other" });

        Assert.Equal("handledAny", Assert.Single(instance.Tokens).ActivityId);
        Assert.Equal("500", instance.Variables["code"]);
    }

    [Fact]
    public async Task UncaughtError_IsAnIncident_NotACrash()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("error-uncaught");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("UNCAUGHT_ERROR", incident.Code);
        Assert.Equal("fail", incident.ActivityId);
        Assert.Contains("BOOM", incident.Message);
    }

    [Fact]
    public async Task NonInterruptingEscalationBoundary_RunsBeside_AndUncaughtEscalationIsRecordedAndIgnored()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("escalation-boundary");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Running, instance.State);
        Assert.Equal(["decide", "notify", "work"], (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());
        var uncaught = Assert.Single(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.EscalationUncaught);
        Assert.Equal("throwUnknown", uncaught.ActivityId);
        Assert.Contains("NOBODY", uncaught.DataJson);
        Assert.Null(Assert.Single(instance.Tokens, t => t.ActivityId == "notify").ScopeId);
    }

    [Fact]
    public async Task InterruptingEscalationBoundary_CancelsTheSubProcess()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("escalation-boundary");
        var instance = await h.StartAsync(key);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"));

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(["notify", "stopped"], after.Tokens.Select(t => t.ActivityId).Order());
        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "work").State);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "notify"));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "stopped"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task CamundaErrorEndEvent_IsCaughtByTheBoundaryOnItsSubProcess()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("camunda-ErrorEndEventTest.testError.bpmn20.xml");

        var instance = await h.StartAsync(key);

        Assert.Equal("task", Assert.Single(instance.Tokens).ActivityId);
        Assert.Equal("123", instance.Variables["errorCode"]);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "task"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }
}
