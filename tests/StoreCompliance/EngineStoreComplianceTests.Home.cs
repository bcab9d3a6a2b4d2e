using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>The home resource's counts in one read (issue 18): the same figures as the three list totals.</summary>
public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task Issue18_QueryHomeCountsAsync_EqualsTheListTotals_ForEveryoneAndForAViewer()
    {
        // Arrange: two processes (one in two versions); three running instances, one suspended, one completed;
        // bob started one running instance and sees another through his group's task and a task on the suspended one.
        var invoice = await DeployAsync("invoice");
        await DeployAsync("invoice", 2);
        var order = await DeployAsync("order");
        var bobs = await StartAsync(invoice);
        var sales = await StartAsync(invoice);
        var carols = await StartAsync(order);
        var suspended = await StartAsync(invoice, "suspended");
        await StartAsync(order, "completed");
        await Store.CommitAsync(StoreSamples.Changes(
            tasks:
            [
                Samples.Task(sales, groups: ["sales"]), Samples.Task(carols, groups: ["managers"]),
                Samples.Task(suspended, users: ["bob"]), Samples.Task(bobs, "claimed", "bob"),
            ],
            history:
            [
                Samples.History(bobs, "instance-started") with { User = "bob" },
                Samples.History(carols, "instance-started") with { User = "carol" },
            ]), Ct);

        // Act
        var everyone = await Store.QueryHomeCountsAsync(null, Ct);
        var bob = await Store.QueryHomeCountsAsync(Bob, Ct);

        // Assert
        Assert.Equal(new HomeCounts(2, 3, 3), everyone);
        Assert.Equal(new HomeCounts(2, 2, 2), bob);
        Assert.Equal(everyone, await ListTotalsAsync(null));
        Assert.Equal(bob, await ListTotalsAsync(Bob));
    }

    [Fact]
    public async Task Issue18_QueryHomeCountsAsync_EmptyStore_AllZero()
    {
        // Act
        var counts = await Store.QueryHomeCountsAsync(Bob, Ct);
        var everyone = await Store.QueryHomeCountsAsync(null, Ct);

        // Assert
        Assert.Equal(new HomeCounts(0, 0, 0), counts);
        Assert.Equal(new HomeCounts(0, 0, 0), everyone);
    }

    /// <summary>What the home showed before it had its own read: the totals of three pages of one.</summary>
    private async Task<HomeCounts> ListTotalsAsync(Viewer? viewer)
    {
        var one = new PageRequest(1);
        var processes = await Store.QueryLatestDefinitionsAsync(one, Ct);
        var running = await Store.QueryInstancesAsync(new InstanceQuery(one, "running", VisibleTo: viewer), Ct);
        var open = await Store.QueryTasksAsync(new TaskQuery(one, "open", VisibleTo: viewer), Ct);
        return new HomeCounts(processes.Total, running.Total, open.Total);
    }
}
