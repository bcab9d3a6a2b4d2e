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
    public async Task Issue18_QueryFeedAsync_Participant_TaskEventsAmongManyRowsAndConcurrentCommits_EachFoundAtItsOwnSequence()
    {
        // Arrange: one change set of 19 events (more than one INSERT statement carries) with task events first, in the
        // middle and last, committed beside other change sets that the writer may put in the same transaction.
        var instance = await StartAsync(await DeployAsync("invoice"));
        string Offered(int i) => $$"""{"task":"t{{i}}","assignee":null,"candidateUsers":["u{{i}}"],"candidateGroups":["g{{i % 2}}"]}""";
        var taskAt = new[] { 0, 7, 8, 9, 15, 18 };
        var events = Enumerable.Range(0, 19)
            .Select(i => taskAt.Contains(i)
                ? Samples.History(instance, i == 8 ? "task-claimed" : "task-created") with { DataJson = Offered(i) }
                : Samples.History(instance, "other") with { DataJson = $$"""{"assignee":"u{{i}}","candidateUsers":["u{{i}}"]}""" })
            .ToList();
        var others = Enumerable.Range(0, 8).Select(async _ =>
        {
            var other = await StartAsync(await DeployAsync("invoice"));
            await Store.CommitAsync(StoreSamples.Changes(history: [Samples.History(other, "other"), Samples.History(other, "other")]), Ct);
        });

        // Act
        await Task.WhenAll(others.Append(Store.CommitAsync(StoreSamples.Changes(history: events), Ct)));
        var written = (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(50), instance.Id), Ct)).Items
            .Where(e => e.Type != "instance-started").OrderBy(e => e.Sequence).ToList();

        // Assert: each participant's feed holds exactly its own event, at the sequence it was written with.
        Assert.Equal(19, written.Count);
        foreach (var i in Enumerable.Range(0, 19))
        {
            var feed = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(Participant: FeedFilter.User($"u{i}")), Limit: 10), Ct);
            if (taskAt.Contains(i))
            {
                var entry = Assert.Single(feed);
                Assert.Equal(written[i].Sequence, entry.Sequence);
                Assert.Equal(Offered(i), entry.DataJson);
            }
            else
            {
                Assert.Empty(feed);
            }
        }

        var evenGroup = await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(Participant: FeedFilter.Group("g0")), Limit: 10), Ct);
        Assert.Equal(taskAt.Where(i => i % 2 == 0).Select(i => written[i].Sequence).Reverse(), evenGroup.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Issue18_QueryFeedAsync_ActivityTypesBesideOthers_EachTypeFoundNewestFirst()
    {
        // Arrange: activity events (not in SQLite's partial type index) between rarer events that are.
        var instance = await StartAsync(await DeployAsync("invoice"));
        var types = new[] { "instance-started", "activity-passed", "activity-passed", "incident-created", "activity-started",
            "activity-completed", "Activity-Odd", "activity-passed", "incident-created", "instance-completed" };
        await Store.CommitAsync(StoreSamples.Changes(history: [.. types.Select(t => Samples.History(instance, t))]), Ct);
        var all = (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(50), instance.Id), Ct)).Items.OrderBy(e => e.Sequence).ToList();

        // Act
        async Task<List<long>> Feed(int limit, params string[] wanted) =>
            [.. (await Store.QueryFeedAsync(new FeedQuery(new FeedFilter(wanted), Limit: limit), Ct)).Select(e => e.Sequence)];
        List<long> Expected(int limit, params string[] wanted) =>
            [.. all.Where(e => wanted.Contains(e.Type)).OrderByDescending(e => e.Sequence).Take(limit).Select(e => e.Sequence)];

        // Assert
        Assert.Equal(Expected(10, "activity-passed"), await Feed(10, "activity-passed"));
        Assert.Equal(3, (await Feed(10, "activity-passed")).Count);
        Assert.Equal(Expected(10, "incident-created"), await Feed(10, "incident-created"));
        Assert.Equal(Expected(10, "Activity-Odd"), await Feed(10, "Activity-Odd"));
        Assert.Equal(Expected(4, "activity-passed", "incident-created", "instance-started"),
            await Feed(4, "activity-passed", "incident-created", "instance-started"));
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
