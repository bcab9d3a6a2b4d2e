using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Theory]
    [InlineData("running")]
    [InlineData("suspended")]
    [InlineData("failed")]
    public async Task DeleteProcessAsync_InstanceNotEnded_ReturnsFalseAndDeletesNothing(string state)
    {
        // Arrange
        await DeployAsync("invoice");
        var latest = await DeployAsync("invoice");
        var ended = await StartAsync(latest, "completed");
        var busy = await StartAsync(latest, state);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [Samples.Task(busy)], history: [Samples.History(ended, "x")]), Ct);

        // Act
        var deleted = await Store.DeleteProcessAsync("invoice", Ct);

        // Assert
        Assert.False(deleted);
        Assert.Equal(2, (await Store.GetDefinitionVersionsAsync("invoice", Ct)).Count);
        Assert.NotNull(await Store.GetInstanceAsync(ended.Id, Ct));
        Assert.Equal(2, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), ProcessKey: "invoice"), Ct)).Total);
        Assert.Equal(1, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct)).Total);
        Assert.Equal(1, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), ended.Id), Ct)).Total);
    }

    [Fact]
    public async Task DeleteProcessAsync_AllInstancesEnded_RemovesVersionsInstancesTasksAndHistoryOfThatProcessOnly()
    {
        // Arrange
        var v1 = await DeployAsync("invoice");
        var v2 = await DeployAsync("invoice");
        var keep = await DeployAsync("order");
        var done = await StartAsync(v1, "completed");
        var cancelled = await StartAsync(v2, "terminated");
        var other = await StartAsync(keep);
        var doneTask = Samples.Task(done, "completed", groups: ["sales"]);
        var otherTask = Samples.Task(other, groups: ["sales"]);
        await Store.CommitAsync(StoreSamples.Changes(
            tasks: [doneTask, otherTask],
            history: [Samples.History(done, "a"), Samples.History(cancelled, "b"), Samples.History(other, "c")]), Ct);

        // Act
        var deleted = await Store.DeleteProcessAsync("invoice", Ct);

        // Assert
        Assert.True(deleted);
        Assert.Empty(await Store.GetDefinitionVersionsAsync("invoice", Ct));
        Assert.Null(await Store.GetDefinitionAsync(v1.Id, Ct));
        Assert.Null(await Store.GetDefinitionSourceAsync(v2.Id, Ct));
        Assert.NotNull(await Store.GetDefinitionSourceAsync(keep.Id, Ct));
        Assert.Null(await Store.GetInstanceAsync(done.Id, Ct));
        Assert.Null(await Store.GetInstanceAsync(cancelled.Id, Ct));
        Assert.Null(await Store.GetTaskAsync(doneTask.Id, Ct));
        Assert.NotNull(await Store.GetInstanceAsync(other.Id, Ct));
        Assert.NotNull(await Store.GetTaskAsync(otherTask.Id, Ct));
        Assert.Equal(["order"], (await Store.QueryLatestDefinitionsAsync(new PageRequest(), Ct)).Items.Select(d => d.Key));
        var instances = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest()), Ct);
        Assert.Equal(1, instances.Total);
        Assert.Equal(0, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), "completed"), Ct)).Total);
        Assert.Equal(0, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), ProcessKey: "invoice"), Ct)).Total);
        Assert.Equal(1, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct)).Total);
        Assert.Equal([otherTask.Id], (await Store.QueryTasksAsync(new TaskQuery(new PageRequest(), CandidateGroup: "sales"), Ct)).Items.Select(t => t.Id));
        var history = await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest()), Ct);
        Assert.Equal(["c"], history.Items.Select(e => e.Type));
        Assert.Equal(1, history.Total);
    }

    [Fact]
    public async Task DeleteProcessAsync_ThenRedeploy_StartsAgainAtVersionOne()
    {
        // Arrange
        await DeployAsync("invoice");
        await DeployAsync("invoice");
        await Store.DeleteProcessAsync("invoice", Ct);

        // Act
        var again = await DeployAsync("invoice");

        // Assert
        Assert.Equal(1, again.Version);
    }
}
