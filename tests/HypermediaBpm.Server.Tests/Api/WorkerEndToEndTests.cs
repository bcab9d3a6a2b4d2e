using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Two competing workers, each with its own HTTP client and knowing only "/", run 1,000 jobs through lock and
/// complete: every job is completed exactly once.
/// </summary>
public sealed class WorkerEndToEndTests : IDisposable
{
    private const int Jobs = 1_000;

    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="t">
          <process id="shipping" name="Shipping" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="ship" />
            <serviceTask id="ship" name="Ship the parcel">
              <extensionElements><zeebe:taskDefinition type="ship" /></extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="ship" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task TwoCompetingWorkers_ThousandJobs_EachCompletedExactlyOnce()
    {
        // Arrange: 1,000 instances, each waiting for its job.
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var engine = _server.Services.GetRequiredService<ProcessEngine>();
        var empty = new Dictionary<string, object?>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Jobs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            await engine.StartAsync("shipping", null, null, empty, false, CommandContext.Anonymous, ct));
        var workers = new[] { new LinkFollowingWorker(_server.Hal(), "worker-a", "ship"), new LinkFollowingWorker(_server.Hal(), "worker-b", "ship") };

        // Act
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(maxJobs: 10))));

        // Assert: the workers' view.
        Assert.Equal(Jobs, workers.Sum(w => w.Completed));
        Assert.All(workers, w => Assert.True(w.Completed > 0, $"{w.WorkerId} got no job: the workers did not compete"));
        Assert.All(workers, w => Assert.Equal(0, w.Refused));

        // Assert: the server's view, by links.
        var completed = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:instances", new Dictionary<string, string> { ["state"] = "completed" });
        Assert.Equal(Jobs, completed.Property("total").GetInt64());
        Assert.Empty(await engine.GetJobsAsync(null, 10, CancellationToken.None));

        // Assert: no job completed twice, each instance's history has exactly one job-completed.
        var perInstance = await JobCompletionsPerInstanceAsync(engine.Store);
        Assert.Equal(Jobs, perInstance.Count);
        Assert.All(perInstance, p => Assert.Equal(1, p.Value));
    }

    private static async Task<Dictionary<string, int>> JobCompletionsPerInstanceAsync(IEngineStore store)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await store.QueryHistoryAsync(new HistoryQuery(new PageRequest(PageRequest.MaxSize, After: after)), CancellationToken.None);
            foreach (var e in page.Items.Where(e => e.Type == HistoryTypes.JobCompleted))
            {
                counts[e.InstanceId] = counts.GetValueOrDefault(e.InstanceId) + 1;
            }

            if (!page.HasNext)
            {
                return counts;
            }

            after = page.LastKey;
        }
    }
}
