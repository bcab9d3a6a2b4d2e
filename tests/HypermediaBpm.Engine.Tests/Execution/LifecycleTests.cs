using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class LifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Suspend_ThenCompleteTask_IsRefusedUntilResumed()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("parallel-split-join"));
        var task = (await h.TasksAsync(instance.Id))[0];

        await h.Engine.SuspendAsync(instance.Id, CommandContext.Anonymous, None);

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.CompleteAsync(task));
        Assert.Equal("INSTANCE_SUSPENDED", refused.Code);
        var again = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.SuspendAsync(instance.Id, CommandContext.Anonymous, None));
        Assert.Equal("INSTANCE_NOT_RUNNING", again.Code);

        await h.Engine.ResumeAsync(instance.Id, CommandContext.Anonymous, None);
        await h.CompleteAsync(task);
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Resume_WhenRunning_IsRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("parallel-split-join"));

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.ResumeAsync(instance.Id, CommandContext.Anonymous, None));

        Assert.Equal("INSTANCE_NOT_SUSPENDED", refused.Code);
    }

    [Fact]
    public async Task Cancel_TerminatesAndCancelsOpenTasks_SecondCancelRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("parallel-split-join"));

        await h.Engine.CancelAsync(instance.Id, CommandContext.Anonymous, None);

        var cancelled = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Terminated, cancelled.State);
        Assert.Empty(cancelled.Tokens);
        Assert.All(await h.TasksAsync(instance.Id), t => Assert.Equal(TaskStates.Cancelled, t.State));
        var again = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.CancelAsync(instance.Id, CommandContext.Anonymous, None));
        Assert.Equal("INSTANCE_ENDED", again.Code);
    }

    [Fact]
    public async Task ClaimUnclaim_FollowTheTaskLifecycle()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("user-task-with-form"), new Dictionary<string, object?> { ["amount"] = 1L });
        var task = (await h.TasksAsync(instance.Id))[0];

        await h.Engine.ClaimTaskAsync(task.Id, "ann", CommandContext.Anonymous, None);
        var claimed = await h.Engine.GetTaskAsync(task.Id, None);
        Assert.Equal((TaskStates.Claimed, "ann"), (claimed.State, claimed.Assignee));
        var twice = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.ClaimTaskAsync(task.Id, "bob", CommandContext.Anonymous, None));
        Assert.Equal("TASK_ALREADY_CLAIMED", twice.Code);

        await h.Engine.UnclaimTaskAsync(task.Id, CommandContext.Anonymous, None);
        var open = await h.Engine.GetTaskAsync(task.Id, None);
        Assert.Equal((TaskStates.Open, (string?)null), (open.State, open.Assignee));
        var notClaimed = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.UnclaimTaskAsync(task.Id, CommandContext.Anonymous, None));
        Assert.Equal("TASK_NOT_CLAIMED", notClaimed.Code);
    }

    [Fact]
    public async Task CompleteTwice_SecondIsTaskNotOpen()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("user-task-with-form"), new Dictionary<string, object?> { ["amount"] = 1L });
        var task = (await h.TasksAsync(instance.Id))[0];
        await h.CompleteAsync(task);

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.CompleteAsync(task));

        Assert.Equal("TASK_NOT_OPEN", refused.Code);
    }

    [Fact]
    public async Task UnknownIds_AreNotFound()
    {
        await using var h = await EngineHarness.CreateAsync();

        Assert.Equal("INSTANCE_NOT_FOUND", (await Assert.ThrowsAsync<NotFoundException>(() => h.InstanceAsync("nope"))).Code);
        Assert.Equal("TASK_NOT_FOUND", (await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.GetTaskAsync("nope", None))).Code);
        Assert.Equal("PROCESS_NOT_FOUND", (await Assert.ThrowsAsync<NotFoundException>(() => h.StartAsync("nope"))).Code);
    }

    [Fact]
    public async Task DeleteProcess_RefusedWhileInstancesRun_AllowedAfter()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-split-join");
        var instance = await h.StartAsync(key);

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.DeleteProcessAsync(key, None));
        Assert.Equal("PROCESS_HAS_INSTANCES", refused.Code);

        await h.Engine.CancelAsync(instance.Id, CommandContext.Anonymous, None);
        await h.Engine.DeleteProcessAsync(key, None);
        await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.GetLatestDefinitionAsync(key, None));
    }
}
