using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>History retention (issue 19): expired ended instances go with every row kept for them; nothing else moves.</summary>
public abstract partial class EngineStoreComplianceTests
{
    private IHistoryRetentionStore Retention => Assert.IsAssignableFrom<IHistoryRetentionStore>(Store);

    private Task<DefinitionRecord> DeployWithTimeToLiveAsync(string key, TimeSpan? ttl) =>
        Store.AddDefinitionAsync(Samples.Definition(key) with { HistoryTimeToLive = ttl }, Ct);

    private async Task<InstanceSummary> EndedWithRowsAsync(DefinitionRecord definition, string state)
    {
        var instance = await StartAsync(definition);
        var ended = Samples.Update(instance, state);
        var changes = StoreSamples.Changes([ended], [Samples.Task(instance, "completed", groups: ["sales"], users: ["ann"])],
            [Samples.History(instance, "instance-started"), Samples.History(instance, "instance-ended")]);
        changes.Subscriptions.Add(new SubscriptionRecord(Guid.NewGuid().ToString("N"), SubscriptionKinds.Message, "paid", "k", null, null, 0,
            instance.Id, "1", "catch", definition.Id, definition.Key, Samples.Now));
        changes.Jobs.Add(new JobRecord(Guid.NewGuid().ToString("N"), "mail", instance.Id, "1", "send", definition.Id, definition.Key, 3, Samples.Now));
        await Store.CommitAsync(changes, Ct);
        return ended.Summary;
    }

    [Fact]
    public async Task Issue19_RemoveExpiredInstances_EndedPastTheirTimeToLive_GoWithEveryRow_OthersAndCountersStayTrue()
    {
        // Arrange: one day to live on "short", thirty on "long", none on "plain" (the default decides).
        var shortLived = await DeployWithTimeToLiveAsync("short", TimeSpan.FromDays(1));
        var longLived = await DeployWithTimeToLiveAsync("long", TimeSpan.FromDays(30));
        var plain = await DeployWithTimeToLiveAsync("plain", null);
        var completed = await EndedWithRowsAsync(shortLived, "completed");
        var terminated = await EndedWithRowsAsync(shortLived, "terminated");
        var young = await EndedWithRowsAsync(longLived, "completed");
        var byDefault = await EndedWithRowsAsync(plain, "completed");
        var running = await StartAsync(shortLived);
        var failed = await StartAsync(shortLived, "failed");
        var runningTask = Samples.Task(running, groups: ["sales"]);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [runningTask], history: [Samples.History(running, "instance-started")]), Ct);
        var twoDaysLater = Samples.Now.AddDays(2);

        // Act: without a server default, then with one of a day.
        var first = await Retention.RemoveExpiredInstancesAsync(new RetentionRequest(twoDaysLater, null, 100), Ct);
        var again = await Retention.RemoveExpiredInstancesAsync(new RetentionRequest(twoDaysLater, null, 100), Ct);
        var withDefault = await Retention.RemoveExpiredInstancesAsync(new RetentionRequest(twoDaysLater, TimeSpan.FromDays(1), 100), Ct);

        // Assert: two instances, each with a task, two events, a subscription and a job.
        Assert.Equal(new RetentionBatch(Instances: 2, Tasks: 2, HistoryEvents: 4, Subscriptions: 2, Jobs: 2), first);
        Assert.Equal(RetentionBatch.None, again);
        Assert.Equal(new RetentionBatch(1, 1, 2, 1, 1), withDefault);
        Assert.Null(await Store.GetInstanceAsync(completed.Id, Ct));
        Assert.Null(await Store.GetInstanceAsync(terminated.Id, Ct));
        Assert.Null(await Store.GetInstanceAsync(byDefault.Id, Ct));
        Assert.NotNull(await Store.GetInstanceAsync(young.Id, Ct));
        Assert.NotNull(await Store.GetInstanceAsync(running.Id, Ct));
        Assert.NotNull(await Store.GetInstanceAsync(failed.Id, Ct));
        Assert.Empty(await Store.QuerySubscriptionsAsync(new SubscriptionQuery(InstanceId: completed.Id), Ct));
        Assert.Single(await Store.QueryJobsAsync("mail", 10, Ct));

        // Counters agree with what is left: lists, per-state counts, tasks, history.
        var instances = await ReadAllAsync(p => Store.QueryInstancesAsync(new InstanceQuery(p), Ct));
        Assert.Equal(3, instances.Count);
        Assert.Equal(3, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest()), Ct)).Total);
        var counts = (await Store.QueryInstanceCountsAsync(Ct)).Where(c => c.Count != 0).Select(c => (c.ProcessKey, c.State, c.Count)).Order().ToList();
        Assert.Equal([("long", "completed", 1L), ("short", "failed", 1L), ("short", "running", 1L)], counts);
        Assert.Equal(0, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), "completed", ProcessKey: "short"), Ct)).Total);
        var tasks = await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct);
        Assert.Equal(2, tasks.Total);
        Assert.Equal(2, tasks.Items.Count);
        Assert.Equal([runningTask.Id], (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), CandidateGroup: "sales", State: "open"), Ct)).Items.Select(t => t.Id));
        var history = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest()), Ct);
        Assert.Equal(3, history.Total);
        Assert.Equal(3, history.Items.Count);
        Assert.All(history.Items, e => Assert.Contains(e.InstanceId, new[] { young.Id, running.Id }));
        var feed = await ((IMemberFeedStore)Store).QueryInstanceFeedAsync(new MemberFeedQuery(Size: 50), Ct);
        Assert.Equal(instances.Select(i => i.Id).Order(), feed.Members.Select(m => m.Item.Summary.Id).Order());
    }

    [Fact]
    public async Task Issue19_RemoveExpiredInstances_Limit_RemovesAtMostThatManyPerBatch()
    {
        // Arrange
        var definition = await DeployWithTimeToLiveAsync("short", TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await EndedWithRowsAsync(definition, "completed");
        }

        // Act
        var batches = new List<int>();
        RetentionBatch batch;
        do
        {
            batch = await Retention.RemoveExpiredInstancesAsync(new RetentionRequest(Samples.Now, null, 2), Ct);
            batches.Add(batch.Instances);
        }
        while (batch.Instances == 2);

        // Assert
        Assert.Equal([2, 2, 1], batches);
        Assert.Equal(0, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest()), Ct)).Total);
    }

    [Fact]
    public async Task Issue19_RemoveExpiredInstances_CalledInstanceOfARunningCaller_Stays()
    {
        // Arrange
        var definition = await DeployWithTimeToLiveAsync("short", TimeSpan.Zero);
        var parent = await StartAsync(definition);
        var child = Samples.Instance(definition) with { Parent = new ParentReference(parent.Id, "1", "call") };
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(child)]), Ct);
        await MoveAsync(child, "completed");

        // Act
        var whileRunning = await Retention.RemoveExpiredInstancesAsync(new RetentionRequest(Samples.Now.AddDays(1), null, 10), Ct);
        await MoveAsync((await Store.GetInstanceAsync(parent.Id, Ct))!.Summary, "completed");
        var afterwards = await Retention.RemoveExpiredInstancesAsync(new RetentionRequest(Samples.Now.AddDays(1), null, 10), Ct);

        // Assert
        Assert.Equal(0, whileRunning.Instances);
        Assert.Equal(2, afterwards.Instances);
    }

    [Fact]
    public async Task Issue19_Lease_HeldByOneStoreObject_RefusedToAnotherOnTheSameDatabase_UntilItRunsOutOrIsReleased()
    {
        // Arrange
        var other = Assert.IsAssignableFrom<IHistoryRetentionStore>(await OpenSecondStoreAsync());
        var t0 = Samples.Now;

        // Act
        var taken = await Retention.TryAcquireLeaseAsync("cleanup", "node-a", t0, t0.AddMinutes(2), Ct);
        var refused = await other.TryAcquireLeaseAsync("cleanup", "node-b", t0.AddMinutes(1), t0.AddMinutes(3), Ct);
        var renewed = await Retention.TryAcquireLeaseAsync("cleanup", "node-a", t0.AddMinutes(1), t0.AddMinutes(3), Ct);
        var stillRefused = await other.TryAcquireLeaseAsync("cleanup", "node-b", t0.AddMinutes(2), t0.AddMinutes(4), Ct);
        var otherName = await other.TryAcquireLeaseAsync("something-else", "node-b", t0, t0.AddMinutes(4), Ct);
        var afterRunOut = await other.TryAcquireLeaseAsync("cleanup", "node-b", t0.AddMinutes(3), t0.AddMinutes(5), Ct);
        await Retention.ReleaseLeaseAsync("cleanup", "node-a", Ct); // not a's any more: changes nothing
        var aRefused = await Retention.TryAcquireLeaseAsync("cleanup", "node-a", t0.AddMinutes(4), t0.AddMinutes(6), Ct);
        await other.ReleaseLeaseAsync("cleanup", "node-b", Ct);
        var aAfterRelease = await Retention.TryAcquireLeaseAsync("cleanup", "node-a", t0.AddMinutes(4), t0.AddMinutes(6), Ct);

        // Assert
        Assert.Equal([true, false, true, false, true, true, false, true], [taken, refused, renewed, stillRefused, otherName, afterRunOut, aRefused, aAfterRelease]);
    }

    [Fact]
    public async Task Issue19_AddDefinition_TimeToLive_ReadsBackWithTheVersionOnly()
    {
        // Arrange
        var withTtl = await DeployWithTimeToLiveAsync("short", TimeSpan.FromHours(36));
        var without = await DeployWithTimeToLiveAsync("short", null);

        // Act
        var read = await Store.GetDefinitionAsync(withTtl.Id, Ct);
        var versions = await Store.GetDefinitionVersionsAsync("short", Ct);

        // Assert
        Assert.Equal(TimeSpan.FromHours(36), withTtl.HistoryTimeToLive);
        Assert.Equal(withTtl, read);
        Assert.Equal([null, TimeSpan.FromHours(36)], versions.Select(v => v.HistoryTimeToLive));
        Assert.Null((await Store.GetLatestDefinitionAsync("short", Ct))!.HistoryTimeToLive);
        Assert.Equal(without.Id, versions[0].Id);
    }

    [Fact]
    public async Task Issue19_AnyDefinitionHasTimeToLive_TrueOnlyOnceAVersionCarriesOne()
    {
        await DeployWithTimeToLiveAsync("plain", null);
        var before = await Retention.AnyDefinitionHasTimeToLiveAsync(Ct);
        await DeployWithTimeToLiveAsync("short", TimeSpan.FromHours(1));

        Assert.False(before);
        Assert.True(await Retention.AnyDefinitionHasTimeToLiveAsync(Ct));
    }
}
