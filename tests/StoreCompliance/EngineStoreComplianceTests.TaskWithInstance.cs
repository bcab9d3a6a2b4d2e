using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task Issue18_GetTaskWithInstanceAsync_TaskOfACalledInstance_ReadsBothAsTheSingleReadsDo()
    {
        // Arrange: a called instance (its parent columns come last, where a column offset would show) with a claimed task.
        var definition = await DeployAsync("invoice");
        var parent = await StartAsync(definition);
        var child = Samples.Instance(definition) with { Parent = new ParentReference(parent.Id, "7", "review") };
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(child)]), Ct);
        var task = Samples.Task(child, "claimed", "alice", ["sales"]) with { DraftJson = "{\"amount\":3}", DueAt = Samples.Now.AddDays(1) };
        var other = Samples.Task(parent);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task, other]), Ct);

        // Act
        var read = await Store.GetTaskWithInstanceAsync(task.Id, Ct);
        var missing = await Store.GetTaskWithInstanceAsync("missing", Ct);

        // Assert
        Assert.NotNull(read);
        var single = await Store.GetTaskAsync(task.Id, Ct);
        var instance = await Store.GetInstanceAsync(child.Id, Ct);
        Assert.Equal(WithoutLists(single!), WithoutLists(read.Task));
        Assert.Equal(["sales"], read.Task.CandidateGroups);
        Assert.Equal("{\"amount\":3}", read.Task.DraftJson);
        Assert.NotNull(read.Instance);
        Assert.Equal(instance!.Summary, read.Instance.Summary);
        Assert.Equal(new ParentReference(parent.Id, "7", "review"), read.Instance.Summary.Parent);
        Assert.Equal(instance.StateJson, read.Instance.StateJson);
        Assert.Null(missing);
    }
}
