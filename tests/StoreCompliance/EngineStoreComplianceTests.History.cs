using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task QueryHistoryAsync_OneInstance_OldestFirstWithAssignedSequences()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var a = await StartAsync(definition);
        var b = await StartAsync(definition);
        var types = Enumerable.Range(0, 12).Select(i => $"event-{i:D2}").ToList();
        foreach (var chunk in types.Chunk(4))
        {
            await Store.CommitAsync(StoreSamples.Changes(history: chunk.Select(t => Samples.History(a, t, "task_1")).Append(Samples.History(b, "other"))), Ct);
        }

        // Act
        var first = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(5), a.Id), Ct);
        var second = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(5, After: first.LastKey), a.Id), Ct);
        var last = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(5, FromEnd: true), a.Id), Ct);
        var all = await ReadAllAsync(p => Store.QueryHistoryAsync(new HistoryQuery(p, a.Id), Ct));

        // Assert
        Assert.Equal(types, all.Select(e => e.Type));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.Equal(types[..5], first.Items.Select(e => e.Type));
        Assert.Equal(types[5..10], second.Items.Select(e => e.Type));
        Assert.Equal(types[7..], last.Items.Select(e => e.Type));
        Assert.Equal(12, first.Total);
        Assert.Equal(first.Items[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), first.LastKey);
        var e0 = all[0];
        Assert.Equal((a.Id, a.ProcessKey, "task_1", "Name of task_1", "task_1", "alice", """{"n":1}"""),
            (e0.InstanceId, e0.ProcessKey, e0.ActivityId, e0.ActivityName, e0.ElementId, e0.User, e0.DataJson));
    }

    [Fact]
    public async Task CommitAsync_ManyEventsInOneChangeSet_AppendsAllInOrder()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = Samples.Instance(definition);
        var types = Enumerable.Range(0, 21).Select(i => $"event-{i:D2}").ToList();

        // Act
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance)], history: types.Select(t => Samples.History(instance, t))), Ct);
        var stored = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(50), instance.Id), Ct);

        // Assert
        Assert.Equal(types, stored.Items.Select(e => e.Type));
        Assert.Equal(21, stored.Total);
        Assert.Equal(21, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(1)), Ct)).Total);
    }

    [Fact]
    public async Task QueryHistoryAsync_AllInstances_NewestFirstAcrossInstances()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var a = await StartAsync(definition);
        var b = await StartAsync(definition);
        var written = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            var type = $"event-{i:D2}";
            written.Add(type);
            await Store.CommitAsync(StoreSamples.Changes(history: [Samples.History(i % 2 == 0 ? a : b, type)]), Ct);
        }

        written.Reverse();

        // Act
        var first = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(6)), Ct);
        var next = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(6, After: first.LastKey)), Ct);
        var back = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(6, Before: next.FirstKey)), Ct);
        var end = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(6, FromEnd: true)), Ct);

        // Assert
        Assert.Equal(written[..6], first.Items.Select(e => e.Type));
        Assert.Equal(written[6..12], next.Items.Select(e => e.Type));
        Assert.Equal(first.Items, back.Items);
        Assert.Equal(written[9..], end.Items.Select(e => e.Type));
        Assert.Equal(15, first.Total);
        Assert.True(first.HasNext && !first.HasPrevious && next.HasNext && next.HasPrevious && !back.HasPrevious && !end.HasNext);
        Assert.True(first.Items[0].Sequence > first.Items[1].Sequence);
    }

    [Fact]
    public async Task QueryHistoryAsync_KeyThatIsNoSequence_ThrowsValidation()
    {
        // Arrange
        var query = new HistoryQuery(new PageRequest(5, After: "not-a-number"));

        // Act
        var error = await Assert.ThrowsAsync<ValidationException>(() => Store.QueryHistoryAsync(query, Ct));

        // Assert
        Assert.Equal("INVALID_PAGE_KEY", error.Code);
    }

    [Fact]
    public async Task GetIdempotencyRecordAsync_AfterCommit_RoundTrips()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = Samples.Instance(definition);
        var record = new IdempotencyRecord("key-1", "sha256:abc", 201, $"/instances/{instance.Id}", Samples.Now);
        var bare = new IdempotencyRecord("key-2", "sha256:def", 204, null, Samples.Now);

        // Act
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance)], idempotency: record), Ct);
        await Store.CommitAsync(StoreSamples.Changes(idempotency: bare), Ct);

        // Assert
        Assert.Equal(record, await Store.GetIdempotencyRecordAsync("key-1", Ct));
        Assert.Equal(bare, await Store.GetIdempotencyRecordAsync("key-2", Ct));
        Assert.Null(await Store.GetIdempotencyRecordAsync("key-3", Ct));
    }

    [Fact]
    public async Task CommitAsync_TakenIdempotencyKey_ThrowsConflictNamingTheKeyAndWritesNothing()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(Samples.Instance(definition))], idempotency: Samples.Idempotency("same", "/first")), Ct);
        var second = Samples.Instance(definition);

        // Act
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(
            StoreSamples.Changes([StoreSamples.Insert(second)], history: [Samples.History(second, "started")], idempotency: Samples.Idempotency("same", "/second")), Ct));

        // Assert
        Assert.Equal("same", error.Context["idempotencyKey"]);
        Assert.Null(await Store.GetInstanceAsync(second.Id, Ct));
        Assert.Equal("/first", (await Store.GetIdempotencyRecordAsync("same", Ct))!.Location);
        Assert.Equal(0, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest()), Ct)).Total);
    }
}
