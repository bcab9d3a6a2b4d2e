using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class InclusiveGatewayTests
{
    [Fact]
    public async Task Split_TakesEveryFlowWhoseConditionHolds_NotTheDefault()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("inclusive-gateway");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 1L, ["skip"] = false });

        Assert.Equal(["taskA", "taskB"], (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());
    }

    [Fact]
    public async Task Split_TakesTheDefaultOnlyWhenNoConditionHolds()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("inclusive-gateway");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["a"] = 0L, ["b"] = 0L, ["skip"] = false });

        Assert.Equal("taskD", Assert.Single(await h.TasksAsync(instance.Id)).ActivityId);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "taskD"));
        Assert.Equal("after", Assert.Single((await h.InstanceAsync(instance.Id)).Tokens).ActivityId);
    }

    [Fact]
    public async Task Join_WaitsForTokensThatCanStillArrive()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("inclusive-gateway");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 1L, ["skip"] = false });

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "taskA"));

        var waiting = await h.InstanceAsync(instance.Id);
        Assert.Equal(TokenState.Joining, Assert.Single(waiting.Tokens, t => t.ActivityId == "join").State);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "taskB"));
        Assert.Equal("after", Assert.Single((await h.InstanceAsync(instance.Id)).Tokens).ActivityId);
    }

    [Fact]
    public async Task Join_FiresWhenTheOtherTokenEndsElsewhere()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("inclusive-gateway");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 1L, ["skip"] = true });
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "taskA"));

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "taskB"));

        Assert.Equal("after", Assert.Single((await h.InstanceAsync(instance.Id)).Tokens).ActivityId);
    }

    [Fact]
    public async Task Split_WithoutMatchOrDefault_IsAnIncident()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("inclusive-no-match");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["x"] = 3L });

        Assert.Equal(InstanceStates.Failed, instance.State);
        Assert.Equal("NO_OUTGOING_FLOW_MATCHED", Assert.Single(instance.Incidents).Code);
    }

    [Theory]
    [InlineData(1L, new[] { "usertask1", "usertask2" })]
    [InlineData(2L, new[] { "usertask1" })]
    public async Task CamundaJoinAfterSubprocesses_WaitsOnlyForTheTakenBranches(long b, string[] expected)
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("camunda-InclusiveGatewayTest.testJoinAfterSubprocesses.bpmn20.xml");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = b });
        Assert.Equal(expected, (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());

        foreach (var activity in expected)
        {
            Assert.DoesNotContain(await h.TasksAsync(instance.Id), t => t.ActivityId == "usertask3");
            await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, activity));
        }

        var task3 = await h.OpenTaskAsync(instance.Id, "usertask3");
        Assert.Equal("c", task3.Assignee);
        await h.CompleteAsync(task3);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task LinkThrow_JumpsToTheCatchOfTheSameName()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("link-events");

        var instance = await h.StartAsync(key);

        Assert.Equal("work", Assert.Single(instance.Tokens).ActivityId);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "work"));
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        var passed = (await h.HistoryAsync(instance.Id)).Where(e => e.Type == Engine.Execution.HistoryTypes.ActivityPassed).Select(e => e.ActivityId);
        Assert.Equal(["start", "goThere", "landThere", "goHere", "landHere", "end"], passed);
    }
}
