using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>Call activities: a called instance remembers its caller, and an instance's children can be listed.</summary>
public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task CommitAsync_CalledInstance_ReadsBackItsParent_AndKeepsItOnUpdate()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var parent = await StartAsync(definition);
        var child = Samples.Instance(definition) with { Parent = new ParentReference(parent.Id, "7", "review") };

        // Act: the child and the parent's new revision in one change set, as a call does.
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(child), Samples.Update(parent, "running")]), Ct);
        var stored = await Store.GetInstanceAsync(child.Id, Ct);
        await Store.CommitAsync(StoreSamples.Changes([Samples.Update(stored!.Summary, "completed")]), Ct);

        // Assert
        Assert.Equal(child, stored.Summary);
        Assert.Equal(new ParentReference(parent.Id, "7", "review"), (await Store.GetInstanceAsync(child.Id, Ct))!.Summary.Parent);
        Assert.Null((await Store.GetInstanceAsync(parent.Id, Ct))!.Summary.Parent);
    }

    [Fact]
    public async Task CommitAsync_StaleParentRevision_WritesNeitherInstance()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var parent = await StartAsync(definition);
        await Store.CommitAsync(StoreSamples.Changes([Samples.Update(parent, "running")]), Ct);
        var child = Samples.Instance(definition) with { Parent = new ParentReference(parent.Id, "1", "call") };

        // Act
        var error = await Record.ExceptionAsync(() =>
            Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(child), Samples.Update(parent, "completed")]), Ct));

        // Assert
        Assert.IsType<HypermediaBpm.Engine.Errors.ConcurrencyConflictException>(error);
        Assert.Null(await Store.GetInstanceAsync(child.Id, Ct));
        Assert.Equal(2, (await Store.GetInstanceAsync(parent.Id, Ct))!.Summary.Revision);
    }

    [Fact]
    public async Task QueryInstancesAsync_ByParent_ListsOnlyThatInstancesChildren_NewestFirst()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var parent = await StartAsync(definition);
        var other = await StartAsync(definition);
        var children = new List<InstanceSummary>();
        for (var i = 0; i < 3; i++)
        {
            var child = Samples.Instance(definition) with { Parent = new ParentReference(parent.Id, i.ToString(System.Globalization.CultureInfo.InvariantCulture), "call") };
            await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(child)]), Ct);
            children.Add(child);
        }

        var stranger = Samples.Instance(definition) with { Parent = new ParentReference(other.Id, "1", "call") };
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(stranger)]), Ct);

        // Act
        var first = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(2), ParentInstanceId: parent.Id), Ct);
        var second = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(2, After: first.LastKey), ParentInstanceId: parent.Id), Ct);
        var none = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ParentInstanceId: stranger.Id), Ct);

        // Assert
        Assert.Equal([children[2].Id, children[1].Id], first.Items.Select(i => i.Id));
        Assert.Equal(3, first.Total);
        Assert.True(first.HasNext);
        Assert.Equal([children[0].Id], second.Items.Select(i => i.Id));
        Assert.Empty(none.Items);
        Assert.Equal(0, none.Total);
    }
}
