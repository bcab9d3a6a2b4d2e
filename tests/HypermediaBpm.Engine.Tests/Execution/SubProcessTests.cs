using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class SubProcessTests
{
    [Fact]
    public async Task SubProcess_RunsInsideItsScopeThenLeaves()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-scope");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["outer"] = "orig" });

        Assert.Equal(InstanceStates.Running, instance.State);
        var scope = Assert.Single(instance.Tokens, t => t.ActivityId == "sub");
        Assert.Equal(TokenState.Waiting, scope.State);
        var inner = Assert.Single(instance.Tokens, t => t.ActivityId == "inner");
        Assert.Equal(scope.Id, inner.ScopeId);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "inner"));

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal("after", Assert.Single(after.Tokens).ActivityId);
        Assert.Null(after.Tokens[0].ScopeId);
        var sub = (await h.HistoryAsync(instance.Id)).Where(e => e.ActivityId == "sub").Select(e => e.Type);
        Assert.Equal([HistoryTypes.ActivityStarted, HistoryTypes.ActivityCompleted], sub);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "after"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task SubProcessVariables_GoToTheNearestScopeThatHasThem_ElseTheProcess()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-scope");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["outer"] = "orig" });

        // 'outer' is an input parameter of the subprocess, so the script's write stays in that scope;
        // 'fresh' exists nowhere, so it goes to the process.
        var scope = Assert.Single(instance.Tokens, t => t.ActivityId == "sub");
        Assert.Equal("changed", scope.Variables!["outer"]);
        Assert.Equal("orig", instance.Variables["outer"]);
        Assert.Equal("new", instance.Variables["fresh"]);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "inner"));

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal("orig", after.Variables["outer"]);
        Assert.All(after.Tokens, t => Assert.Null(t.Variables));
    }

    [Fact]
    public async Task SubProcessWithoutStartEvent_StartsAtEveryNodeWithoutIncomingFlow()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-implicit-start");

        var instance = await h.StartAsync(key);

        Assert.Equal(["a", "b"], (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "b"));
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "a"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task TerminateEndInSubProcess_EndsOnlyThatScopeWithItsNestedScopes()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-nested-terminate");
        var instance = await h.StartAsync(key);
        Assert.Equal(["deep", "outside", "stopper"], (await h.TasksAsync(instance.Id)).Select(t => t.ActivityId).Order());

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "stopper"));

        var tasks = await h.TasksAsync(instance.Id);
        Assert.Equal(TaskStates.Cancelled, Assert.Single(tasks, t => t.ActivityId == "deep").State);
        var running = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Running, running.State);
        Assert.Equal(["afterSub", "outside"], running.Tokens.Select(t => t.ActivityId).Order());
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "outside"));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "afterSub"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task CancelInstance_WithdrawsTokensInsideSubProcesses()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-nested-terminate");
        var instance = await h.StartAsync(key);

        await h.Engine.CancelAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);

        var cancelled = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Terminated, cancelled.State);
        Assert.All(await h.TasksAsync(instance.Id), t => Assert.Equal(TaskStates.Cancelled, t.State));
    }

    [Fact]
    public async Task CamundaTerminateInSubProcess_KillsOnlyTheSubProcess()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("camunda-TerminateEndEventTest.testTerminateInSubProcess.bpmn");

        var instance = await h.StartAsync(key);

        Assert.Equal("preNormalEnd", Assert.Single(instance.Tokens).ActivityId);
        var passed = (await h.HistoryAsync(instance.Id)).Where(e => e.Type == HistoryTypes.ActivityPassed).Select(e => e.ActivityId);
        Assert.Contains("EndEvent_3", passed);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "preNormalEnd"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task BpmnElementsSubProcess_WithoutStartEvent_RunsToTheEnd()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("bpmnelements-sub-process.bpmn");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["input"] = 1L });

        Assert.Equal("subUserTask", Assert.Single(await h.TasksAsync(instance.Id)).ActivityId);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "subUserTask"));
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ActivityId == "subScriptTask" && e.Type == HistoryTypes.ActivityPassed);
    }
}
