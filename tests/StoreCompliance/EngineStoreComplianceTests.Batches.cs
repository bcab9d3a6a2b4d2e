using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    private static readonly DateTimeOffset BatchTime = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private IBatchStore Batches => (IBatchStore)Store;

    private Task<BatchRecord> CreateBatchAsync(BatchFilter filter, int max = 1000, IBatchStore? store = null) =>
        (store ?? Batches).CreateBatchAsync(new NewBatch(Samples.NextId(), "cancel", filter, "olga", BatchTime, max), Ct);

    private static BatchChunk Chunk(BatchRecord batch, string owner, int from, int to, params BatchFailure[] failures) =>
        new(batch.Id, owner, from, to, to - from - failures.Length, failures.Length, failures, BatchTime.AddSeconds(5), BatchTime.AddSeconds(65));

    [Fact]
    public async Task Issue19_CreateBatchAsync_FreezesWhatTheFilterSelects_InIdOrder()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        var other = await DeployAsync("other");
        var running = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            running.Add((await StartAsync(orders, businessKey: i == 1 ? "order-1" : null)).Id);
        }

        await StartAsync(orders, "suspended");
        await StartAsync(other);

        // Act
        var batch = await CreateBatchAsync(new BatchFilter("orders", "running"));
        var byKey = await CreateBatchAsync(new BatchFilter(BusinessKey: "order-1"));
        var none = await CreateBatchAsync(new BatchFilter("missing"));
        await StartAsync(orders);

        // Assert
        var read = await ((IBatchStore)await OpenSecondStoreAsync()).GetBatchAsync(batch.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal((batch.Id, "cancel", new BatchFilter("orders", "running"), "olga", BatchTime, BatchStates.Running, 3, 0, 0, 0),
            (read.Id, read.Operation, read.Filter, read.CreatedBy, read.CreatedAt, read.State, read.Total, read.Position, read.Done, read.Failed));
        Assert.Empty(read.Failures);
        Assert.Equal(running.Order(StringComparer.Ordinal), await Batches.GetBatchInstancesAsync(batch.Id, 0, 10, Ct));
        Assert.Equal(running.Order(StringComparer.Ordinal).Skip(1), await Batches.GetBatchInstancesAsync(batch.Id, 1, 10, Ct));
        Assert.Equal([running[1]], await Batches.GetBatchInstancesAsync(byKey.Id, 0, 10, Ct));
        Assert.Equal((BatchStates.Completed, 0), (none.State, none.Total));
        var listed = await Batches.QueryBatchesAsync(new PageRequest(10), Ct);
        Assert.Equal([none.Id, byKey.Id, batch.Id], listed.Items.Select(b => b.Id));
        Assert.Equal(3, listed.Total);
        Assert.Null(await Batches.GetBatchAsync("missing", Ct));
    }

    [Fact]
    public async Task Issue19_CreateBatchAsync_OverItsLimit_IsRefused_AndWritesNothing()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(orders);
        }

        // Act
        var refused = await Assert.ThrowsAsync<ValidationException>(() => CreateBatchAsync(new BatchFilter("orders"), max: 2));
        var exact = await CreateBatchAsync(new BatchFilter("orders"), max: 3);

        // Assert
        Assert.Equal("BATCH_TOO_LARGE", refused.Code);
        Assert.Equal(3, exact.Total);
        Assert.Equal(1, (await Batches.QueryBatchesAsync(new PageRequest(10), Ct)).Total);
    }

    [Fact]
    public async Task Issue19_ClaimBatchAsync_LeasesABatchToOneOwner_UntilReleasedOrTheLeaseRunsOut()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        await StartAsync(orders);
        var batch = await CreateBatchAsync(new BatchFilter("orders"));
        var second = (IBatchStore)await OpenSecondStoreAsync();

        // Act
        var first = await Batches.ClaimBatchAsync("node-a", BatchTime, BatchTime.AddSeconds(60), Ct);
        var whileLeased = await second.ClaimBatchAsync("node-b", BatchTime.AddSeconds(1), BatchTime.AddSeconds(61), Ct);
        var again = await Batches.ClaimBatchAsync("node-a", BatchTime.AddSeconds(2), BatchTime.AddSeconds(62), Ct);
        var afterLease = await second.ClaimBatchAsync("node-b", BatchTime.AddSeconds(63), BatchTime.AddSeconds(123), Ct);
        await Batches.ReleaseBatchAsync(batch.Id, "node-a", Ct);
        var stillB = await Batches.ClaimBatchAsync("node-c", BatchTime.AddSeconds(64), BatchTime.AddSeconds(124), Ct);
        await second.ReleaseBatchAsync(batch.Id, "node-b", Ct);
        var released = await Batches.ClaimBatchAsync("node-c", BatchTime.AddSeconds(65), BatchTime.AddSeconds(125), Ct);

        // Assert
        Assert.Equal((batch.Id, "node-a"), (first?.Id, first?.LeaseOwner));
        Assert.Null(whileLeased);
        Assert.Equal((batch.Id, BatchTime.AddSeconds(62)), (again?.Id, again?.LeaseUntil));
        Assert.Equal("node-b", afterLease?.LeaseOwner);
        Assert.Null(stillB);
        Assert.Equal("node-c", released?.LeaseOwner);
    }

    [Fact]
    public async Task Issue19_RecordBatchChunkAsync_MovesProgress_OnlyForItsOwnerAtItsPosition_AndCompletesTheBatch()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(orders);
        }

        var batch = await CreateBatchAsync(new BatchFilter("orders"));
        await Batches.ClaimBatchAsync("node-a", BatchTime, BatchTime.AddSeconds(60), Ct);
        var failure = new BatchFailure("i-1", "INSTANCE_NOT_RUNNING", "It ended.");

        // Act
        var notOwner = await Batches.RecordBatchChunkAsync(Chunk(batch, "node-b", 0, 2, failure), Ct);
        var first = await Batches.RecordBatchChunkAsync(Chunk(batch, "node-a", 0, 2, failure), Ct);
        var stale = await Batches.RecordBatchChunkAsync(Chunk(batch, "node-a", 0, 2), Ct);
        var last = await Batches.RecordBatchChunkAsync(Chunk(batch, "node-a", 2, 3), Ct);

        // Assert
        Assert.Null(notOwner);
        Assert.Null(stale);
        Assert.Equal((2, 1, 1, BatchStates.Running), (first!.Position, first.Done, first.Failed, first.State));
        var read = await Batches.GetBatchAsync(batch.Id, Ct);
        Assert.Equal((3, 2, 1, BatchStates.Completed), (read!.Position, read.Done, read.Failed, read.State));
        Assert.Equal([failure], read.Failures);
        Assert.Equal(last!.State, read.State);
        Assert.Null(await Batches.ClaimBatchAsync("node-a", BatchTime.AddSeconds(6), BatchTime.AddSeconds(66), Ct));
        var events = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(InstanceId: batch.Id), OldestFirst: true), Ct);
        Assert.Equal([BatchHistoryTypes.Created, BatchHistoryTypes.ChunkProcessed, BatchHistoryTypes.ChunkProcessed, BatchHistoryTypes.Completed],
            events.Select(e => e.Type));
        Assert.Equal("olga", events[0].User);
    }

    [Fact]
    public async Task Issue19_RecordBatchChunkAsync_KeepsTheFirstFailuresOnly_AndCountsThemAll()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(orders);
        }

        var batch = await CreateBatchAsync(new BatchFilter("orders"));
        await Batches.ClaimBatchAsync("node-a", BatchTime, BatchTime.AddSeconds(60), Ct);
        var many = Enumerable.Range(0, BatchHistoryTypes.MaxFailuresKept + 50).Select(i => new BatchFailure($"i-{i}", "X", "failed")).ToList();

        // Act
        var after = await Batches.RecordBatchChunkAsync(new BatchChunk(batch.Id, "node-a", 0, 1, 0, many.Count, many, BatchTime, BatchTime.AddSeconds(60)), Ct);

        // Assert
        Assert.Equal(many.Count, after!.Failed);
        var read = await Batches.GetBatchAsync(batch.Id, Ct);
        Assert.Equal(many.Take(BatchHistoryTypes.MaxFailuresKept), read!.Failures);
    }

    [Fact]
    public async Task Issue19_CancelBatchAsync_StopsARunningBatch_SoNoChunkIsRecordedAfter()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        await StartAsync(orders);
        await StartAsync(orders);
        var batch = await CreateBatchAsync(new BatchFilter("orders"));
        await Batches.ClaimBatchAsync("node-a", BatchTime, BatchTime.AddSeconds(60), Ct);

        // Act
        var cancelled = await Batches.CancelBatchAsync(batch.Id, "olga", BatchTime.AddSeconds(1), Ct);
        var chunk = await Batches.RecordBatchChunkAsync(Chunk(batch, "node-a", 0, 1), Ct);
        var twice = await Batches.CancelBatchAsync(batch.Id, "olga", BatchTime.AddSeconds(2), Ct);

        // Assert
        Assert.Equal((BatchStates.Cancelled, (string?)null), (cancelled!.State, cancelled.LeaseOwner));
        Assert.Null(chunk);
        Assert.Null(twice);
        Assert.Equal(0, (await Batches.GetBatchAsync(batch.Id, Ct))!.Position);
        Assert.Null(await Batches.ClaimBatchAsync("node-b", BatchTime.AddSeconds(3), BatchTime.AddSeconds(63), Ct));
        var events = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(InstanceId: batch.Id)), Ct);
        Assert.Equal(BatchHistoryTypes.Cancelled, events[0].Type);
    }
}
