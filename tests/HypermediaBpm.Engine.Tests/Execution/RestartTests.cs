using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class RestartTests
{
    [Fact]
    public async Task InstancesWaitingAtTasks_ContinueAfterReopeningTheFile()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("parallel-split-join");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await h.StartAsync(key)).Id);
        }

        await h.ReopenAsync();

        foreach (var id in ids)
        {
            foreach (var task in await h.TasksAsync(id))
            {
                await h.CompleteAsync(task);
            }

            Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(id)).State);
        }
    }

    [Fact]
    public async Task SecondEngineOnSameFile_SeesAndContinuesInstances()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("parallel-split-join"));
        var (second, store) = await h.OpenSecondAsync();
        await using var _ = store;

        foreach (var task in await h.TasksAsync(instance.Id))
        {
            await second.CompleteTaskAsync(task.Id, new Dictionary<string, object?>(), false, Commands.CommandContext.Anonymous, CancellationToken.None);
        }

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }
}
