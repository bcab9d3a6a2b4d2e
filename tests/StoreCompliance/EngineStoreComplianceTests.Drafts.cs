using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>What main added after the stores split (documentation-only definitions, task drafts, numbered pages): both stores keep it.</summary>
public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task Issue17_AddDefinitionAsync_DocumentationOnly_IsReadBackNotExecutableEverywhere()
    {
        // Arrange
        var runnable = await DeployAsync("runnable");

        // Act
        var documentation = await Store.AddDefinitionAsync(Samples.Definition("documentation") with { Executable = false }, Ct);

        // Assert: every read path keeps the flag, and a version deployed before defaults to executable.
        Assert.False(documentation.Executable);
        Assert.True(runnable.Executable);
        Assert.False((await Store.GetDefinitionAsync(documentation.Id, Ct))!.Executable);
        Assert.False((await Store.GetLatestDefinitionAsync("documentation", Ct))!.Executable);
        Assert.False(Assert.Single(await Store.GetDefinitionVersionsAsync("documentation", Ct)).Executable);
        var latest = (await Store.QueryLatestDefinitionsAsync(new PageRequest(), Ct)).Items.ToDictionary(d => d.Key, d => d.Executable);
        Assert.Equal(new Dictionary<string, bool> { ["documentation"] = false, ["runnable"] = true }, latest);
    }

    [Fact]
    public async Task Issue17_CommitAsync_TaskDraft_RoundTripsAndIsClearedWhenWrittenWithout()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition);
        var task = Samples.Task(instance);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task]), Ct);
        var drafted = task with { DraftJson = """{"amount":"12.50","note":"ünïcode"}""", Revision = 2 };

        // Act
        await Store.CommitAsync(StoreSamples.Changes(tasks: [drafted]), Ct);
        var stored = await Store.GetTaskAsync(task.Id, Ct);
        var listed = Assert.Single((await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct)).Items);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [drafted with { DraftJson = null, State = "completed", Revision = 3 }]), Ct);
        var completed = await Store.GetTaskAsync(task.Id, Ct);

        // Assert
        Assert.Equal(drafted.DraftJson, stored!.DraftJson);
        Assert.Equal(drafted.DraftJson, listed.DraftJson);
        Assert.Null(completed!.DraftJson);
    }

    [Fact]
    public async Task Issue17_QueryInstancesAsync_NumberedPage_SkipsWholePagesNewestFirst()
    {
        // Arrange
        var expected = await Start55Async();

        // Act: pages 1, 3 and 6 of 10, as ?page=N reads them.
        var first = await WalkPageAsync(new PageRequest(10));
        var third = await WalkPageAsync(new PageRequest(10) { Skip = 20 });
        var last = await WalkPageAsync(new PageRequest(10) { Skip = 50 });
        var beyond = await WalkPageAsync(new PageRequest(10) { Skip = 60 });

        // Assert
        Assert.Equal(expected.Take(10), first.Items.Select(i => i.Id));
        Assert.False(first.HasPrevious);
        Assert.Equal(expected.Skip(20).Take(10), third.Items.Select(i => i.Id));
        Assert.True(third.HasPrevious);
        Assert.True(third.HasNext);
        Assert.Equal(expected.Skip(50), last.Items.Select(i => i.Id));
        Assert.True(last.HasPrevious);
        Assert.False(last.HasNext);
        Assert.Empty(beyond.Items);
        Assert.All(new[] { first, third, last, beyond }, p => Assert.Equal(55, p.Total));
    }
}
