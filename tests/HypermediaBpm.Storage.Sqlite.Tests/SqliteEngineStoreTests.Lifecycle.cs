using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.StoreCompliance;

namespace HypermediaBpm.Storage.Sqlite.Tests;

public sealed partial class SqliteEngineStoreTests
{
    [Fact]
    public async Task CommitAsync_BeforeInitialize_ThrowsInvalidOperation()
    {
        // Arrange
        await using var store = new SqliteEngineStore(new SqliteStoreOptions { Path = _directory.File("early.db") });

        // Act
        var error = await Record.ExceptionAsync(() => store.CommitAsync(StoreSamples.Changes(idempotency: Samples.Idempotency("k")), Ct));

        // Assert
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public async Task CommitAsync_AfterDispose_ThrowsObjectDisposed()
    {
        // Arrange
        var store = (SqliteEngineStore)await OpenAsync(_directory.File("disposed.db"));
        await store.DisposeAsync();

        // Act
        var commit = await Record.ExceptionAsync(() => store.CommitAsync(StoreSamples.Changes(idempotency: Samples.Idempotency("k")), Ct));
        var read = await Record.ExceptionAsync(() => store.GetInstanceAsync("x", Ct));

        // Assert
        Assert.IsType<ObjectDisposedException>(commit);
        Assert.IsType<ObjectDisposedException>(read);
    }

    [Fact]
    public async Task CommitAsync_AlreadyCancelled_ThrowsAndWritesNothing()
    {
        // Arrange
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        var error = await Record.ExceptionAsync(() => Store.CommitAsync(StoreSamples.Changes(idempotency: Samples.Idempotency("k")), cancelled.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Null(await Store.GetIdempotencyRecordAsync("k", Ct));
    }

    [Fact]
    public async Task Counters_AfterMixedWrites_EqualCountsOverTheTables()
    {
        // Arrange
        var a = await DeployAsync("a");
        var b = await DeployAsync("b");
        var instances = new List<InstanceSummary>();
        for (var i = 0; i < 12; i++)
        {
            var instance = await StartAsync(i % 3 == 0 ? a : b);
            instances.Add(instance);
            await Store.CommitAsync(StoreSamples.Changes(tasks: [Samples.Task(instance, groups: ["x", "y"])], history: [Samples.History(instance, "s")]), Ct);
        }

        // Act
        foreach (var instance in instances.Where((i, n) => i.ProcessKey == "a" || n % 2 == 0))
        {
            await MoveAsync(instance, instance.ProcessKey == "a" ? "completed" : "suspended");
        }

        await MoveAsync(instances[0] with { State = "completed", Revision = 2 }, "terminated");
        var deleted = await Store.DeleteProcessAsync("a", Ct);

        // Assert
        Assert.True(deleted);
        using var connection = Inspect(DatabasePath);
        const string Actual = "SELECT process_key, state, COUNT(*) FROM instances GROUP BY process_key, state";
        const string Counted = "SELECT process_key, state, n FROM instance_counts WHERE n <> 0";
        Assert.Equal(0L, Scalar(connection, $"SELECT COUNT(*) FROM ({Actual} EXCEPT {Counted});"));
        Assert.Equal(0L, Scalar(connection, $"SELECT COUNT(*) FROM ({Counted} EXCEPT {Actual});"));
        Assert.Equal(Scalar(connection, "SELECT COUNT(*) FROM instances;"), Scalar(connection, "SELECT SUM(n) FROM instance_counts;"));
        Assert.Equal(Scalar(connection, "SELECT COUNT(*) FROM tasks;"), Scalar(connection, "SELECT SUM(n) FROM task_counts;"));
        Assert.Equal(Scalar(connection, "SELECT COUNT(*) FROM history;"), Scalar(connection, "SELECT n FROM store_counters WHERE name = 'history';"));
        Assert.Equal(Scalar(connection, "SELECT COUNT(*) * 2 FROM tasks;"), Scalar(connection, "SELECT COUNT(*) FROM task_candidate_groups;"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM instance_counts WHERE process_key = 'a';"));
    }

    [Fact]
    public async Task Counters_InsertsAndStateChangesQueuedTogether_StayExact()
    {
        // Arrange: calls are queued in call order, so each insert lands before its update, mostly in one batch.
        var definition = await DeployAsync("batched");
        var pending = new List<Task>();

        // Act
        for (var i = 0; i < 50; i++)
        {
            var instance = Samples.Instance(definition);
            pending.Add(Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance)], history: [Samples.History(instance, "a")]), Ct));
            var update = Samples.Update(instance, i % 2 == 0 ? "completed" : "suspended");
            pending.Add(Store.CommitAsync(StoreSamples.Changes([update], history: [Samples.History(instance, "b")]), Ct));
        }

        await Task.WhenAll(pending);

        // Assert
        async Task<long> Total(string? state) => (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1), state, "batched"), Ct)).Total;
        Assert.Equal(50, await Total(null));
        Assert.Equal(0, await Total("running"));
        Assert.Equal(25, await Total("completed"));
        Assert.Equal(25, await Total("suspended"));
        Assert.Equal(100, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(1)), Ct)).Total);
    }
}
