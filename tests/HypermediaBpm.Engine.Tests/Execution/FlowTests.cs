using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class FlowTests
{
    [Fact]
    public async Task StraightThrough_Start_CompletesInOneCommandWithOrderedHistory()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("straight-through");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Empty(instance.Tokens);
        Assert.NotNull(instance.EndedAt);
        var history = await h.HistoryAsync(instance.Id);
        Assert.Equal(
            [HistoryTypes.InstanceStarted, HistoryTypes.ActivityPassed, HistoryTypes.ActivityPassed, HistoryTypes.ActivityPassed, HistoryTypes.InstanceCompleted],
            history.Select(e => e.Type));
        Assert.Equal(["start", "work", "end"], history.Where(e => e.Type == HistoryTypes.ActivityPassed).Select(e => e.ActivityId));
        Assert.Equal([null, "f1", "f2"], history.Where(e => e.Type == HistoryTypes.ActivityPassed).Select(e => e.ElementId));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
    }

    [Fact]
    public async Task ScriptTask_SetsVariablesAndResultVariable()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-sets-variable");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["n"] = 21L });

        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Equal(42L, instance.Variables["doubled"]);
        Assert.Equal("done-21", instance.Variables["result"]);
    }

    [Fact]
    public async Task UserTask_WaitsThenCompletesWithTypedVariables()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-with-form");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["amount"] = "250", ["kind"] = "b", ["due"] = "2026-12-01" });

        Assert.Equal(InstanceStates.Running, instance.State);
        Assert.Equal(250L, instance.Variables["amount"]);
        Assert.Equal("nobody", instance.Variables["requester"]);
        var token = Assert.Single(instance.Tokens);
        Assert.Equal("review", token.ActivityId);
        Assert.Equal(TokenState.Waiting, token.State);
        var task = Assert.Single(await h.TasksAsync(instance.Id));
        Assert.Equal(TaskStates.Open, task.State);
        Assert.Equal("Review request", task.Name);
        Assert.Equal(["reviewers", "managers"], task.CandidateGroups);
        Assert.Equal(["ann"], task.CandidateUsers);
        Assert.Equal(token.WorkItemId, task.Id);

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.CompleteAsync(task, new Dictionary<string, object?> { ["approved"] = "true", ["note"] = "fine" });

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Equal(true, done.Variables["approved"]);
        Assert.Equal("fine", done.Variables["note"]);
        var completed = Assert.Single(await h.TasksAsync(instance.Id));
        Assert.Equal(TaskStates.Completed, completed.State);
        Assert.Equal(h.Clock.GetUtcNow(), completed.CompletedAt);
        Assert.Equal(2, completed.Revision);
        var review = (await h.HistoryAsync(instance.Id)).Where(e => e.ActivityId == "review").Select(e => e.Type);
        Assert.Equal([HistoryTypes.ActivityStarted, HistoryTypes.TaskCreated, HistoryTypes.TaskCompleted, HistoryTypes.VariablesChanged, HistoryTypes.ActivityCompleted], review);
    }

    [Theory]
    [InlineData(5000L, "bigTask")]
    [InlineData(10L, "smallTask")]
    public async Task ExclusiveGateway_TakesMatchingFlowOrDefault(long amount, string expected)
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("exclusive-gateway");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["amount"] = amount });

        Assert.Equal(expected, Assert.Single(instance.Tokens).ActivityId);
    }

    [Fact]
    public async Task ExclusiveGateway_NoConditionHoldsAndNoDefault_RaisesIncident()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("exclusive-gateway-no-default");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["choice"] = "c" });

        Assert.Equal(InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("NO_OUTGOING_FLOW_MATCHED", incident.Code);
        Assert.Equal("xor", incident.ActivityId);
        Assert.Equal(TokenState.Failed, Assert.Single(instance.Tokens).State);
    }

    [Fact]
    public async Task ParallelGateway_ForksAndJoinsOnlyWhenBothArrive()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-split-join");
        var instance = await h.StartAsync(key);
        var tasks = await h.TasksAsync(instance.Id);
        Assert.Equal(["A", "B"], tasks.Select(t => t.Name).Order());

        await h.CompleteAsync(tasks.Single(t => t.Name == "A"));
        var half = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Running, half.State);
        Assert.Contains(half.Tokens, t => t.ActivityId == "join" && t.State == TokenState.Joining);

        await h.CompleteAsync(tasks.Single(t => t.Name == "B"));
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Empty(done.Tokens);
    }

    [Fact]
    public async Task ParallelGateway_StraightThrough_Completes()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-straight-through");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Completed, instance.State);
        var history = await h.HistoryAsync(instance.Id);
        Assert.Single(history, e => e.Type == HistoryTypes.ActivityPassed && e.ActivityId == "end");
        Assert.Equal(2, history.Count(e => e.ActivityId == "join"));
    }

    [Fact]
    public async Task TerminateEnd_WithdrawsOtherTokensAndCancelsTheirTasks()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("terminate-end");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Empty(instance.Tokens);
        var task = Assert.Single(await h.TasksAsync(instance.Id));
        Assert.Equal(TaskStates.Cancelled, task.State);
        var history = await h.HistoryAsync(instance.Id);
        Assert.Contains(history, e => e.Type == HistoryTypes.TaskCancelled && e.ActivityId == "wait");
        Assert.Contains(history, e => e.Type == HistoryTypes.ActivityCancelled && e.ActivityId == "wait");
    }

    [Fact]
    public async Task LoopWithoutWaitState_StopsWithIncidentInsteadOfHanging()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("loop-without-wait");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Failed, instance.State);
        Assert.Equal("TOO_MANY_STEPS", Assert.Single(instance.Incidents).Code);
    }
}
