using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class MultiInstanceTests
{
    [Fact]
    public async Task ParallelOverCollection_OneTaskPerElement_WithLocalVariables()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("mi-parallel-tasks");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["assignees"] = new List<object?> { "ann", "bob", "cy" } });

        Assert.Equal(["ann", "bob", "cy"], (await h.TasksAsync(instance.Id)).Select(t => t.Assignee).Order());
        var body = Assert.Single(instance.Tokens, t => t.ActivityId == "review" && t.LoopCounter is null);
        Assert.Equal(3L, body.Variables!["nrOfInstances"]);
        Assert.Equal(3L, body.Variables["nrOfActiveInstances"]);
        var inner = instance.Tokens.Where(t => t.ScopeId == body.Id).OrderBy(t => t.LoopCounter).ToList();
        Assert.Equal([0L, 1L, 2L], inner.Select(t => t.Variables!["loopCounter"]));
        Assert.Equal("bob", inner[1].Variables!["assignee"]);
        Assert.False(instance.Variables.ContainsKey("loopCounter"));
    }

    [Fact]
    public async Task CompletionCondition_EndsTheLoopEarly_AndCancelsTheRest()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("mi-parallel-tasks");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["assignees"] = new List<object?> { "ann", "bob", "cy" } });
        var tasks = (await h.TasksAsync(instance.Id)).OrderBy(t => t.Assignee).ToList();

        await h.CompleteAsync(tasks[0]);
        Assert.DoesNotContain((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "after");
        await h.CompleteAsync(tasks[1]);

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal("after", Assert.Single(after.Tokens).ActivityId);
        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id), t => t.Assignee == "cy").State);
    }

    [Fact]
    public async Task Sequential_RunsOneInstanceAfterAnother_CountingAsItGoes()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("mi-sequential-script");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["n"] = 3L, ["seen"] = "" });

        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Equal("0/0;1/1;2/2;", instance.Variables["seen"]);
    }

    [Fact]
    public async Task ZeebeLoop_MapsInputElementsAndCollectsOutputs()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("mi-zeebe-output");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["items"] = new List<object?> { 1L, 2L, 3L } });

        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Equal(new List<object?> { 2L, 4L, 6L }, instance.Variables["results"]);
    }

    [Fact]
    public async Task ParallelSubProcess_EachInstanceIsItsOwnScope()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("mi-subprocess");
        var instance = await h.StartAsync(key);
        Assert.Equal(["worker-0", "worker-1"], (await h.TasksAsync(instance.Id)).Select(t => t.Assignee).Order());

        await h.CompleteAsync((await h.TasksAsync(instance.Id)).First(t => t.Assignee == "worker-1"));
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
        await h.CompleteAsync((await h.TasksAsync(instance.Id)).First(t => t.Assignee == "worker-0"));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task StandardLoop_RepeatsWhileTheConditionHolds_UpToTheMaximum()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("loop-standard");

        var byCondition = await h.StartAsync(key, new Dictionary<string, object?> { ["count"] = 0L, ["limit"] = 3L });
        var byMaximum = await h.StartAsync(key, new Dictionary<string, object?> { ["count"] = 0L, ["limit"] = 100L });

        Assert.Equal(3L, byCondition.Variables["count"]);
        Assert.Equal(10L, byMaximum.Variables["count"]);
        Assert.Equal(InstanceStates.Completed, byMaximum.State);
    }

    [Fact]
    public async Task CamundaSequentialMultiInstanceSubProcess_RunsThreeTimesAndCompletes()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("camunda-HistoricActivityInstanceStateTest.testSequentialMultiInstanceSubProcess.bpmn");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Completed, instance.State);
        var passed = (await h.HistoryAsync(instance.Id)).Where(e => e.Type == Engine.Execution.HistoryTypes.ActivityPassed).ToList();
        Assert.Equal(3, passed.Count(e => e.ActivityId == "subprocessStart"));
        Assert.Equal(4, passed.Count(e => e.ActivityId == "intermediateSubprocess"));
    }

    [Fact]
    public async Task CamundaNestedMultiInstanceTasks_MakesFourTasks_AndEndsWhenAllAreDone()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("camunda-MultiInstanceTest.testNestedMultiInstanceTasks.bpmn20.xml");

        var instance = await h.StartAsync(key, new Dictionary<string, object?>
        {
            ["subProcesses"] = new List<object?> { "process A", "process B" },
            ["assignees"] = new List<object?> { "kermit", "gonzo" },
        });

        var tasks = await h.TasksAsync(instance.Id);
        Assert.Equal(4, tasks.Count);
        Assert.Equal(["kermit_0", "kermit_0", "kermit_1", "kermit_1"], tasks.Select(t => t.Assignee).Order());
        foreach (var task in tasks)
        {
            await h.CompleteAsync(task);
        }

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }
}
