using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task QueryFeedAsync_TypesProcessAndWindow_NewestFirstWithinBounds()
    {
        // Arrange: two processes, events of several types interleaved.
        var invoice = await StartAsync(await DeployAsync("invoice"));
        var order = await StartAsync(await DeployAsync("order"));
        foreach (var (instance, type) in new[] { (invoice, "a"), (order, "a"), (invoice, "b"), (invoice, "c"), (order, "b"), (invoice, "a") })
        {
            await Store.CommitAsync(StoreSamples.Changes(history: [Samples.History(instance, type)]), Ct);
        }

        var all = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(), Limit: 100), Ct);
        var last = await Store.GetLastHistorySequenceAsync(Ct);

        // Act
        var ab = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(["a", "b"]), Limit: 100), Ct);
        var invoiceAb = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(["a", "b"], ProcessKey: "invoice"), Limit: 100), Ct);
        var window = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(["a", "b"]), all[4].Sequence, all[1].Sequence, 100), Ct);
        var oldest = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(["a", "b"]), Limit: 2, OldestFirst: true), Ct);
        var newestOne = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(InstanceId: order.Id), Limit: 1), Ct);

        // Assert
        Assert.Equal(6, all.Count);
        Assert.Equal(all[0].Sequence, last);
        Assert.Equal(["a", "b", "b", "a", "a"], ab.Select(e => e.Type));
        Assert.True(ab.Zip(ab.Skip(1)).All(p => p.First.Sequence > p.Second.Sequence));
        Assert.Equal(["a", "b", "a"], invoiceAb.Select(e => e.Type));
        Assert.All(invoiceAb, e => Assert.Equal("invoice", e.ProcessKey));
        Assert.Equal(all.Skip(1).Take(3).Where(e => e.Type is "a" or "b").Select(e => e.Sequence), window.Select(e => e.Sequence));
        Assert.Equal(["a", "a"], oldest.Select(e => e.Type));
        Assert.True(oldest[0].Sequence < oldest[1].Sequence);
        Assert.Equal(order.Id, Assert.Single(newestOne).InstanceId);
        Assert.Equal("b", newestOne[0].Type);
    }

    [Fact]
    public async Task QueryFeedAsync_Participant_FindsTaskEventsOfferedOrAssigned()
    {
        // Arrange
        var instance = await StartAsync(await DeployAsync("invoice"));
        const string offered = """{"task":"t1","name":"Approve","assignee":null,"candidateUsers":["ann"],"candidateGroups":["managers","audit"]}""";
        const string claimed = """{"task":"t1","name":"Approve","assignee":"bob","candidateUsers":["ann"],"candidateGroups":["managers","audit"]}""";
        await Store.CommitAsync(StoreSamples.Changes(history:
        [
            Samples.History(instance, "task-created") with { DataJson = offered },
            Samples.History(instance, "variables-changed") with { DataJson = """{"assignee":"bob"}""" },
            Samples.History(instance, "task-claimed") with { DataJson = claimed },
        ]), Ct);

        // Act
        async Task<List<string>> For(string participant) =>
            (await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(Participant: participant), Limit: 10), Ct)).Select(e => e.Type).ToList();

        // Assert
        Assert.Equal(["task-claimed", "task-created"], await For(FeedFilter.Group("managers")));
        Assert.Equal(["task-claimed", "task-created"], await For(FeedFilter.User("ann")));
        Assert.Equal(["task-claimed"], await For(FeedFilter.User("bob")));
        Assert.Empty(await For(FeedFilter.Group("clerks")));
    }

    [Fact]
    public async Task GetLastHistorySequenceAsync_EmptyThenAfterDelete_ZeroThenNeverDecreases()
    {
        // Arrange
        Assert.Equal(0, await Store.GetLastHistorySequenceAsync(Ct));
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition, "completed");
        await Store.CommitAsync(StoreSamples.Changes(history: [Samples.History(instance, "a"), Samples.History(instance, "b")]), Ct);
        var before = await Store.GetLastHistorySequenceAsync(Ct);

        // Act
        Assert.True(await Store.DeleteProcessAsync("invoice", Ct));
        var after = await Store.GetLastHistorySequenceAsync(Ct);

        // Assert
        Assert.True(before >= 2);
        Assert.Equal(before, after);
        Assert.Empty(await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(), Limit: 10), Ct));
    }
}
