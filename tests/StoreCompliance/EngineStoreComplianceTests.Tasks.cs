using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    private static readonly string[] NoStrings = [];

    /// <summary>Records compare lists by reference; this lets the scalar fields be compared in one assert.</summary>
    private static TaskRecord WithoutLists(TaskRecord task) => task with { CandidateUsers = NoStrings, CandidateGroups = NoStrings };

    [Fact]
    public async Task CommitAsync_TaskWrittenTwice_IsReplacedById()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition);
        var task = Samples.Task(instance, groups: ["sales", "finance"], users: ["bob", "carol"]);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task]), Ct);
        var claimed = task with { State = "claimed", Assignee = "bob", CandidateGroups = ["finance"], Revision = 2, UpdatedAt = task.UpdatedAt.AddSeconds(1) };

        // Act
        await Store.CommitAsync(StoreSamples.Changes(tasks: [claimed]), Ct);
        var stored = await Store.GetTaskAsync(task.Id, Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.Equal(WithoutLists(claimed), WithoutLists(stored));
        Assert.Equal(["bob", "carol"], stored.CandidateUsers);
        Assert.Equal(["finance"], stored.CandidateGroups);
        Assert.Equal(1, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct)).Total);
        Assert.Empty((await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), CandidateGroup: "sales"), Ct)).Items);
        Assert.Null(await Store.GetTaskAsync("missing", Ct));
    }

    [Fact]
    public async Task QueryTasksAsync_EachFilter_ReturnsMatchingTasksNewestFirstWithTotals()
    {
        // Arrange
        var invoice = await DeployAsync("invoice");
        var order = await DeployAsync("order");
        var i1 = await StartAsync(invoice);
        var i2 = await StartAsync(order);
        var open1 = Samples.Task(i1, groups: ["sales"]);
        var claimed1 = Samples.Task(i1, "claimed", "alice", ["sales", "finance"]);
        var done1 = Samples.Task(i1, "completed", "bob", ["finance"]) with { CompletedAt = Samples.Now };
        var open2 = Samples.Task(i2, groups: ["finance"]);
        var claimed2 = Samples.Task(i2, "claimed", "alice");
        await Store.CommitAsync(StoreSamples.Changes(tasks: [open1, claimed1, done1]), Ct);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [open2, claimed2]), Ct);

        // Act
        async Task<Page<TaskRecord>> Query(string? state = null, string? assignee = null, string? group = null, string? process = null, string? instance = null) =>
            await Store.QueryTasksAsync(new TaskQuery(new PageRequest(10), state, assignee, group, process, instance), Ct);
        var all = await Query();
        var open = await Query(state: "open");
        var alice = await Query(assignee: "alice");
        var finance = await Query(group: "finance");
        var openFinance = await Query(state: "open", group: "finance");
        var orders = await Query(process: "order");
        var claimedInvoices = await Query(state: "claimed", process: "invoice");
        var ofInstance1 = await Query(instance: i1.Id);

        // Assert
        static string[] Ids(params TaskRecord[] tasks) => tasks.Select(t => t.Id).ToArray();
        Assert.Equal(Ids(claimed2, open2, done1, claimed1, open1), all.Items.Select(t => t.Id));
        Assert.Equal(5, all.Total);
        Assert.Equal(Ids(open2, open1), open.Items.Select(t => t.Id));
        Assert.Equal(2, open.Total);
        Assert.Equal(Ids(claimed2, claimed1), alice.Items.Select(t => t.Id));
        Assert.Equal(2, alice.Total);
        Assert.Equal(Ids(open2, done1, claimed1), finance.Items.Select(t => t.Id));
        Assert.Equal(3, finance.Total);
        Assert.Equal(Ids(open2), openFinance.Items.Select(t => t.Id));
        Assert.Equal(1, openFinance.Total);
        Assert.Equal(Ids(claimed2, open2), orders.Items.Select(t => t.Id));
        Assert.Equal(2, orders.Total);
        Assert.Equal(Ids(claimed1), claimedInvoices.Items.Select(t => t.Id));
        Assert.Equal(1, claimedInvoices.Total);
        Assert.Equal(Ids(done1, claimed1, open1), ofInstance1.Items.Select(t => t.Id));
        Assert.Equal(3, ofInstance1.Total);
        Assert.Equal(claimed2.Id, all.KeyOf(all.Items[0]));
    }

    [Fact]
    public async Task QueryTasksAsync_StateChanges_UpdateTotalsAndCandidateGroupPaging()
    {
        // Arrange
        var definition = await DeployAsync("review");
        var instance = await StartAsync(definition);
        var tasks = Enumerable.Range(0, 25).Select(_ => Samples.Task(instance, groups: ["reviewers"])).ToList();
        await Store.CommitAsync(StoreSamples.Changes(tasks: tasks), Ct);

        // Act
        await Store.CommitAsync(StoreSamples.Changes(tasks: tasks.Take(5).Select(t => t with { State = "completed", Revision = 2 })), Ct);
        var pages = new List<Page<TaskRecord>> { await Store.QueryTasksAsync(new TaskQuery(new PageRequest(10), CandidateGroup: "reviewers"), Ct) };
        while (pages[^1].HasNext)
        {
            pages.Add(await Store.QueryTasksAsync(new TaskQuery(new PageRequest(10, After: pages[^1].LastKey), CandidateGroup: "reviewers"), Ct));
        }

        var back = await Store.QueryTasksAsync(new TaskQuery(new PageRequest(10, Before: pages[^1].FirstKey), CandidateGroup: "reviewers"), Ct);

        // Assert
        Assert.Equal(tasks.Select(t => t.Id).Reverse(), pages.SelectMany(p => p.Items).Select(t => t.Id));
        Assert.Equal(pages[1].Items.Select(t => t.Id), back.Items.Select(t => t.Id));
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        Assert.Equal(20, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), "open"), Ct)).Total);
        Assert.Equal(5, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), "completed", ProcessKey: "review"), Ct)).Total);
        Assert.Equal(5, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), "completed", CandidateGroup: "reviewers"), Ct)).Total);
    }
}
