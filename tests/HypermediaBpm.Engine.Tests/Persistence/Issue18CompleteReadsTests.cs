using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Persistence;

/// <summary>Issue 18: completing a task reads the task and its instance in one store read, and the caller's check runs on that task.</summary>
public sealed class Issue18CompleteReadsTests
{
    [Fact]
    public async Task Issue18_CompleteTask_ReadsTaskAndInstanceOnce_AndNothingElse()
    {
        // Arrange: the engine on the harness's SQLite store, seen through a counter.
        await using var h = await EngineHarness.CreateAsync();
        var (store, counter) = StoreCallCounter.Wrap(h.Store);
        var engine = new ProcessEngine(store, new EngineOptions { Clock = h.Clock });
        var key = (await engine.DeployAsync(EngineHarness.Fixture("two-tasks"), null, null, null, CancellationToken.None)).Key;
        var started = await engine.StartAsync(key, null, null, new Dictionary<string, object?>(), false, CommandContext.Anonymous, CancellationToken.None);
        var first = Assert.Single(started.Tasks);
        counter.Calls.Clear();

        // Act
        var outcome = await engine.CompleteTaskAsync(first.Id, new Dictionary<string, object?>(), false, CommandContext.Anonymous, CancellationToken.None);

        // Assert: one read of the pair, one commit; no single reads of the task or the instance.
        Assert.Equal(1, counter.Count(nameof(IEngineStore.GetTaskWithInstanceAsync)));
        Assert.Equal(0, counter.Count(nameof(IEngineStore.GetTaskAsync)));
        Assert.Equal(0, counter.Count(nameof(IEngineStore.GetInstanceAsync)));
        Assert.Equal(1, counter.Count(nameof(IEngineStore.CommitAsync)));
        Assert.Contains(outcome.Tasks, t => t.Id == first.Id && t.State == TaskStates.Completed);
        Assert.Contains(outcome.Tasks, t => t.ActivityId == "b" && t.State == TaskStates.Open);
    }

    [Fact]
    public async Task Issue18_CompleteTask_CheckRefuses_NothingIsWritten()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("two-tasks"));
        var task = await h.OpenTaskAsync(instance.Id, "a");
        TaskRecord? checkedTask = null;

        // Act: the caller's check sees the task the command read, and its refusal ends the command.
        await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?>(), false, CommandContext.Anonymous,
            t =>
            {
                checkedTask = t;
                throw new NotFoundException("TASK_NOT_FOUND", "hidden", new Dictionary<string, object?>());
            },
            CancellationToken.None));

        // Assert
        Assert.Equal(task, checkedTask);
        Assert.Equal(TaskStates.Open, (await h.Store.GetTaskAsync(task.Id, CancellationToken.None))!.State);
        Assert.Equal(instance.Revision, (await h.Engine.GetInstanceAsync(instance.Id, CancellationToken.None)).Revision);
    }
}
