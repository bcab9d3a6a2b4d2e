using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>A viewer's queries: only what they may see, counted and paged as such (issue 12).</summary>
public abstract partial class EngineStoreComplianceTests
{
    private static readonly Viewer Bob = new("bob", ["sales"]);

    [Fact]
    public async Task QueryTasksAsync_WithViewer_ListsCountsAndPagesOnlyAssignedOrCandidateTasks()
    {
        // Arrange: bob's by assignee, candidate user and candidate group; two that are not his.
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition);
        var assigned = Samples.Task(instance, "claimed", "bob");
        var asUser = Samples.Task(instance, users: ["carol", "bob"]);
        var managers = Samples.Task(instance, groups: ["managers"]);
        var sales = Samples.Task(instance, groups: ["managers", "sales"]);
        var carols = Samples.Task(instance, "claimed", "carol", users: ["bobby"]);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [assigned, asUser, managers, sales, carols]), Ct);

        // Act
        var first = await Store.QueryTasksAsync(new TaskQuery(new PageRequest(2), VisibleTo: Bob), Ct);
        var second = await Store.QueryTasksAsync(new TaskQuery(new PageRequest(2, After: first.LastKey), VisibleTo: Bob), Ct);
        var managersForBob = await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), CandidateGroup: "managers", VisibleTo: Bob), Ct);
        var everyone = await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct);

        // Assert
        Assert.Equal([sales.Id, asUser.Id], first.Items.Select(t => t.Id));
        Assert.Equal([assigned.Id], second.Items.Select(t => t.Id));
        Assert.Equal((3, true, false), (first.Total, first.HasNext, second.HasNext));
        Assert.Equal([sales.Id], managersForBob.Items.Select(t => t.Id));
        Assert.Equal(1, managersForBob.Total);
        Assert.Equal(5, everyone.Total);
    }

    [Fact]
    public async Task CommitAsync_CompletedTask_KeepsWhoCompletedIt()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition);
        var task = Samples.Task(instance, "claimed", "ann");
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task]), Ct);
        var completed = task with { State = "completed", CompletedAt = Samples.Now, CompletedBy = "admin", Revision = 2 };

        // Act
        await Store.CommitAsync(StoreSamples.Changes(tasks: [completed]), Ct);

        // Assert
        var stored = await Store.GetTaskAsync(task.Id, Ct);
        var listed = Assert.Single((await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct)).Items);
        Assert.Equal(("ann", "admin"), (stored!.Assignee, stored.CompletedBy));
        Assert.Equal("admin", listed.CompletedBy);
    }

    [Fact]
    public async Task QueryInstancesAsync_WithViewer_ListsInstancesTheyStartedOrHaveATaskOf()
    {
        // Arrange: one bob started, one with a task for sales, one neither.
        var definition = await DeployAsync("invoice");
        var started = await StartAsync(definition);
        var withTask = await StartAsync(definition);
        var neither = await StartAsync(definition);
        var startedEvent = Samples.History(started, "instance-started") with { User = "bob" };
        var otherEvent = Samples.History(neither, "instance-started") with { User = "carol" };
        await Store.CommitAsync(StoreSamples.Changes(tasks: [Samples.Task(withTask, groups: ["sales"]), Samples.Task(neither, groups: ["managers"])],
            history: [startedEvent, otherEvent]), Ct);

        // Act
        var visible = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), VisibleTo: Bob), Ct);
        var hidden = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), VisibleTo: Bob) { Id = neither.Id }, Ct);
        var one = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), VisibleTo: Bob) { Id = started.Id }, Ct);

        // Assert
        Assert.Equal([withTask.Id, started.Id], visible.Items.Select(i => i.Id));
        Assert.Equal(2, visible.Total);
        Assert.Empty(hidden.Items);
        Assert.Equal([started.Id], one.Items.Select(i => i.Id));
    }
}
