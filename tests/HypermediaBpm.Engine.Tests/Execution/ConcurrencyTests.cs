using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class ConcurrencyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TwoEnginesCompleteTheSameTask_ExactlyOneWins()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("user-task-with-form"), new Dictionary<string, object?> { ["amount"] = 1L });
        var task = (await h.TasksAsync(instance.Id))[0];
        var (second, secondStore) = await h.OpenSecondAsync();
        await using var _ = secondStore;

        var results = await Task.WhenAll(
            Attempt(() => h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?>(), false, CommandContext.Anonymous, None)),
            Attempt(() => second.CompleteTaskAsync(task.Id, new Dictionary<string, object?>(), false, CommandContext.Anonymous, None)));

        Assert.Single(results, r => r is null);
        var loser = Assert.Single(results, r => r is not null)!;
        Assert.True(loser is InvalidStateException { Code: "TASK_NOT_OPEN" } or ConcurrencyConflictException, loser.ToString());
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Single(await h.HistoryAsync(instance.Id), e => e.Type == "task-completed");
    }

    [Fact]
    public async Task StalePrecondition_IsPreconditionFailed_AndChangesNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("parallel-split-join"));
        var stale = new CommandContext(Precondition: revision => revision == "0");

        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() => h.Engine.SuspendAsync(instance.Id, stale, None));

        Assert.Equal("1", error.Context["revision"]);
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task SameIdempotencyKeyTwice_StartsOneInstance()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-split-join");
        var context = new CommandContext(IdempotencyKey: "k-1", RequestHash: "h");

        var first = await h.Engine.StartAsync(key, null, null, new Dictionary<string, object?>(), false, context, None);
        var again = await h.Engine.StartAsync(key, null, null, new Dictionary<string, object?>(), false, context, None);

        Assert.Equal(first.InstanceId, again.InstanceId);
        Assert.True(again.Replayed);
        var all = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10)), None);
        Assert.Equal(1, all.Total);
    }

    [Fact]
    public async Task SameIdempotencyKeyConcurrently_StartsOneInstance()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-split-join");
        var context = new CommandContext(IdempotencyKey: "k-2", RequestHash: "h");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => h.Engine.StartAsync(key, null, null, new Dictionary<string, object?>(), false, context, None))));

        Assert.Single(outcomes.Select(o => o.InstanceId).Distinct());
        var all = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10)), None);
        Assert.Equal(1, all.Total);
    }

    [Fact]
    public async Task SameIdempotencyKeyDifferentBody_IsRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-split-join");
        await h.Engine.StartAsync(key, null, null, new Dictionary<string, object?>(), false, new CommandContext(IdempotencyKey: "k", RequestHash: "a"), None);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            h.Engine.StartAsync(key, null, null, new Dictionary<string, object?>(), false, new CommandContext(IdempotencyKey: "k", RequestHash: "b"), None));

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error.Code);
    }

    [Fact]
    public async Task ParallelBranchesCompletedAtOnce_BothCount()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("parallel-split-join"));
        var tasks = await h.TasksAsync(instance.Id);

        // Different tasks of one instance race on its revision; the loser reloads and runs again.
        await Task.WhenAll(tasks.Select(t => Task.Run(() => h.CompleteAsync(t))));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await Task.Run(action);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
