using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task CommitAsync_200ParallelChangeSetsSomeConflicting_EachResolvesOnItsOwn()
    {
        // Arrange: 20 instances at revision 1; 5 racing updates for each (one may win) and 100 fresh inserts.
        var definition = await DeployAsync("race");
        var existing = new List<InstanceSummary>();
        for (var i = 0; i < 20; i++)
        {
            existing.Add(await StartAsync(definition));
        }

        var updates = existing.SelectMany(instance => Enumerable.Range(0, 5).Select(attempt =>
        {
            var key = $"update-{instance.Id}-{attempt}";
            var write = Samples.Update(instance, "running", $$"""{"v":1,"by":"{{key}}"}""");
            return (Key: key, Instance: instance, Changes: StoreSamples.Changes(
                [write], [Samples.Task(instance)], [Samples.History(instance, key)], Samples.Idempotency(key)));
        })).ToList();
        var inserts = Enumerable.Range(0, 100).Select(_ =>
        {
            var instance = Samples.Instance(definition);
            return (Instance: instance, Changes: StoreSamples.Changes(
                [StoreSamples.Insert(instance)], history: Enumerable.Range(0, 5).Select(n => Samples.History(instance, $"e{n}"))));
        }).ToList();
        var all = updates.Select(u => u.Changes).Concat(inserts.Select(i => i.Changes)).ToList();

        // Act
        var outcomes = await Task.WhenAll(all.Select(changes => Task.Run(() => Record.ExceptionAsync(() => Store.CommitAsync(changes, Ct)))));

        // Assert
        Assert.All(outcomes, error => Assert.True(error is null or ConcurrencyConflictException, error?.ToString()));
        Assert.Equal(20 * 4, outcomes.Count(error => error is not null));
        Assert.All(outcomes.Skip(updates.Count), Assert.Null);
        foreach (var group in updates.Zip(outcomes).GroupBy(pair => pair.First.Instance.Id))
        {
            var winner = Assert.Single(group, pair => pair.Second is null).First;
            var stored = await Store.GetInstanceAsync(group.Key, Ct);
            Assert.Equal(2, stored!.Summary.Revision);
            Assert.Contains(winner.Key, stored.StateJson);
            var history = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), group.Key), Ct);
            Assert.Equal([winner.Key], history.Items.Select(e => e.Type));
            Assert.Equal(1, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), InstanceId: group.Key), Ct)).Total);
            foreach (var (update, error) in group)
            {
                Assert.Equal(error is null, await Store.GetIdempotencyRecordAsync(update.Key, Ct) is not null);
            }
        }

        Assert.Equal(120, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest()), Ct)).Total);
        Assert.Equal(20 + 500, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest()), Ct)).Total);
        foreach (var (instance, _) in inserts.Take(10))
        {
            Assert.Equal(5, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), instance.Id), Ct)).Items.Count);
        }
    }

    [Fact]
    public async Task Store_DisposedAndReopened_KeepsEverything()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition, businessKey: "B-1");
        var task = Samples.Task(instance, groups: ["g"]);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task], history: [Samples.History(instance, "started")], idempotency: Samples.Idempotency("k")), Ct);
        await CloseStoreAsync(Store);

        // Act
        var reopened = await OpenSecondStoreAsync();

        // Assert
        Assert.Equal(definition, await reopened.GetDefinitionAsync(definition.Id, Ct));
        Assert.Equal(instance, (await reopened.GetInstanceAsync(instance.Id, Ct))!.Summary);
        Assert.Equal(WithoutLists(task), WithoutLists((await reopened.GetTaskAsync(task.Id, Ct))!));
        Assert.Equal(1, (await reopened.QueryTasksAsync(new TaskQuery(new PageRequest(), CandidateGroup: "g"), Ct)).Total);
        Assert.Equal(1, (await reopened.QueryHistoryAsync(new HistoryQuery(new PageRequest()), Ct)).Total);
        Assert.NotNull(await reopened.GetIdempotencyRecordAsync("k", Ct));
        Assert.Equal(1, (await reopened.QueryInstancesAsync(new InstanceQuery(new PageRequest(), "running", "invoice"), Ct)).Total);
    }

    [Fact]
    public async Task InitializeAsync_CalledAgain_IsHarmless()
    {
        // Arrange
        var definition = await DeployAsync("invoice");

        // Act
        await Store.InitializeAsync(Ct);
        var second = await OpenSecondStoreAsync();
        await second.InitializeAsync(Ct);

        // Assert
        Assert.Equal(definition, await Store.GetLatestDefinitionAsync("invoice", Ct));
        Assert.Equal(definition, await second.GetLatestDefinitionAsync("invoice", Ct));
    }

    [Fact]
    public async Task TwoStoresOnOneDatabase_CommitAtOnce_SeeEachOtherAndConflictOnTheSameRevision()
    {
        // Arrange
        var other = await OpenSecondStoreAsync();
        var definition = await DeployAsync("shared");
        var fromOther = await DeployAsync("shared", store: other);
        var mine = await StartAsync(definition);
        var theirs = await StartAsync(fromOther, store: other);
        var racers = new[] { Store, other, Store, other }.Select(store => (store, Samples.Update(mine, "running"))).ToList();

        // Act
        var outcomes = await Task.WhenAll(racers.Select(r => Task.Run(() => Record.ExceptionAsync(() => r.store.CommitAsync(StoreSamples.Changes([r.Item2]), Ct)))));
        var parallelDeploys = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => DeployAsync("shared", store: i % 2 == 0 ? Store : other)));

        // Assert
        Assert.Equal(2, fromOther.Version);
        Assert.Equal(theirs, (await Store.GetInstanceAsync(theirs.Id, Ct))!.Summary);
        Assert.Equal(mine.Id, (await other.GetInstanceAsync(mine.Id, Ct))!.Summary.Id);
        Assert.Single(outcomes, error => error is null);
        Assert.All(outcomes.Where(e => e is not null), e => Assert.IsType<ConcurrencyConflictException>(e));
        Assert.Equal(2, (await other.GetInstanceAsync(mine.Id, Ct))!.Summary.Revision);
        Assert.Equal(Enumerable.Range(3, 10), parallelDeploys.Select(d => d.Version).Order());
        Assert.Equal(2, (await other.QueryInstancesAsync(new InstanceQuery(new PageRequest()), Ct)).Total);
    }
}
