using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Events;

public sealed class JobTests
{
    private static readonly Dictionary<string, object?> None = new();

    [Fact]
    public async Task ExternalTask_Camunda_CreatesAJobAndWaitsUntilCompleted()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("external-task-camunda");
        var instance = await h.StartAsync(key);

        var job = Assert.Single(await h.Engine.GetJobsAsync("payments", 10, CancellationToken.None));
        Assert.Equal((instance.Id, "charge", 3), (job.InstanceId, job.ActivityId, job.Retries));
        Assert.Equal(job.Id, Assert.Single(instance.Tokens).WorkItemId);

        await h.Engine.CompleteJobAsync(job.Id, new Dictionary<string, object?> { ["receipt"] = "r-1" }, CommandContext.Anonymous, CancellationToken.None);

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Equal("r-1", done.Variables["receipt"]);
        Assert.Empty(await h.Engine.GetJobsAsync(null, 10, CancellationToken.None));
        var history = await h.HistoryAsync(instance.Id);
        Assert.Contains(history, e => e.Type == HistoryTypes.JobCreated);
        Assert.Contains(history, e => e.Type == HistoryTypes.JobCompleted);
    }

    [Fact]
    public async Task CompleteJob_Twice_SecondIsJobNotFound()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("external-task-camunda");
        await h.StartAsync(key);
        var job = Assert.Single(await h.Engine.GetJobsAsync("payments", 10, CancellationToken.None));
        await h.Engine.CompleteJobAsync(job.Id, None, CommandContext.Anonymous, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.CompleteJobAsync(job.Id, None, CommandContext.Anonymous, CancellationToken.None));

        Assert.Equal("JOB_NOT_FOUND", refused.Code);
    }

    [Fact]
    public async Task ExternalTask_InstanceCancelled_JobWithdrawn()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("external-task-camunda");
        var instance = await h.StartAsync(key);

        await h.Engine.CancelAsync(instance.Id, CommandContext.Anonymous, CancellationToken.None);

        Assert.Empty(await h.Engine.GetJobsAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ZeebeServiceTask_CorpusSimpleCountLoop_OutputMappingCountsToFour()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("libbpmn-simple-count-loop.bpmn");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["counter"] = 0L });
        var rounds = 0;

        while ((await h.Engine.GetJobsAsync("increaseCounter", 10, CancellationToken.None)).SingleOrDefault() is { } job)
        {
            var counter = (long)(await h.InstanceAsync(instance.Id)).Variables["counter"]!;
            await h.Engine.CompleteJobAsync(job.Id, new Dictionary<string, object?> { ["counter"] = counter + 1, ["scratch"] = "dropped" }, CommandContext.Anonymous, CancellationToken.None);
            Assert.True(++rounds <= 10, "the loop should end");
        }

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(4, rounds);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Equal(4L, done.Variables["counter"]);
        Assert.False(done.Variables.ContainsKey("scratch"), "only what the output mapping names is set");
    }

    [Theory]
    [InlineData(-1L, "task-b")]
    [InlineData(1L, "task-a")]
    public async Task ZeebeServiceTask_CorpusExclusiveGatewayWithDefault_JobOnTheChosenBranch(long price, string expected)
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("libbpmn-exclusive-gateway-with-condition-and-default.bpmn");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["price"] = price });

        var job = Assert.Single(await h.Engine.GetJobsAsync(null, 10, CancellationToken.None));
        Assert.Equal((expected, expected), (job.Topic, job.ActivityId));
        await h.Engine.CompleteJobAsync(job.Id, None, CommandContext.Anonymous, CancellationToken.None);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }
}
