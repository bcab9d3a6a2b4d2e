using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Batches;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>Batches at size and across a restart: the server keeps answering, and every instance is changed exactly once.</summary>
public sealed class Issue19BatchLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Issue19_BatchOver10000Instances_CancelsThemAllInTheBackground_WhileGetInstanceKeepsAnswering()
    {
        // Arrange
        const int count = 10_000;
        using var server = new ServerFactory();
        var hal = server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-bulk"));
        var seeding = Stopwatch.StartNew();
        var ids = await BatchTestSupport.StartManyAsync(server, "i19-batch-bulk", count);
        output.WriteLine($"seeded {count} instances in {seeding.Elapsed.TotalSeconds:0.0} s");
        using var warm = await hal.Http.GetAsync("/instances/" + ids[0]);

        // A baseline first (no batch running), back to back with the measurement, because this machine's speed drifts.
        var baseline = await ReadWhileAsync(server, ids, TimeSpan.FromSeconds(5), () => Task.CompletedTask);

        // Act: two clients read random instances one request after another for as long as the batch runs.
        var running = Stopwatch.StartNew();
        HalDocument? done = null;
        var latencies = await ReadWhileAsync(server, ids, null, async () =>
        {
            var uri = await BatchTestSupport.CreateAsync(hal, new { operation = "cancel", process = "i19-batch-bulk" });
            done = await BatchTestSupport.FinishedAsync(hal, uri, TimeSpan.FromMinutes(15));
        });
        running.Stop();

        // Assert
        output.WriteLine($"baseline without a batch: {Describe(baseline)}");
        output.WriteLine($"batch of {count} cancels: {running.Elapsed.TotalSeconds:0.0} s; concurrent GET instance: {Describe(latencies)}");
        Assert.NotNull(done);
        Assert.Equal(("completed", count, count, 0), (done.String("state"), BatchTestSupport.Int(done, "total"), BatchTestSupport.Int(done, "done"), BatchTestSupport.Int(done, "failed")));
        var terminated = await hal.GetAsync("/instances?process=i19-batch-bulk&state=terminated&pageSize=1");
        Assert.Equal(count, terminated.Property("total").GetInt32());
        // Every GET during the batch answered 200 (asserted in the readers). How fast is written out, not asserted:
        // speed is measured in bench/ on a quiet machine, never in a timed test (docs/performance.md has the figures).
        Assert.True(latencies.Count >= 200, $"only {latencies.Count} GET samples during the batch");
    }

    /// <summary>Two clients GET random instances one after another while <paramref name="work"/> runs (and at least <paramref name="minimum"/>).</summary>
    private static async Task<List<double>> ReadWhileAsync(ServerFactory server, List<string> ids, TimeSpan? minimum, Func<Task> work)
    {
        var latencies = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        // The clients are made here, one after the other: WebApplicationFactory keeps the clients it made in a plain list,
        // and two made at once from two threads could leave it holding a null, which then fails the factory's Dispose.
        var clients = Enumerable.Range(0, 2).Select(_ => server.Hal().Http).ToList();
        var readers = Enumerable.Range(0, 2).Select(seed => Task.Run(async () =>
        {
            var client = clients[seed];
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync("/instances/" + ids[random.Next(ids.Count)]);
                await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        })).ToList();
        await Task.WhenAll(work(), minimum is { } wait ? Task.Delay(wait) : Task.CompletedTask);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        return [.. latencies.Order()];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Describe(List<double> sorted) =>
        $"{sorted.Count} samples, p50 {Percentile(sorted, 0.50):0.0} ms, p95 {Percentile(sorted, 0.95):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms";

    [Fact]
    public async Task Issue19_Batch_StoppedMidChunk_ResumesOnTheNextServer_AndChangesEachInstanceOnce()
    {
        // Arrange: the first server stops while a chunk is half applied (the gate holds the rest of the chunk).
        const int count = 200;
        const int appliedBeforeStop = 75;
        using var directory = new TestDirectory("batch-restart");
        var database = directory.File("server.db");
        var settings = new Dictionary<string, string> { ["Batches:ChunkSize"] = "50" };
        var gate = new StopAfter(appliedBeforeStop);
        List<string> ids;
        string uri;
        using (var first = new ServerFactory(databasePath: database, settings: settings, services: services => gate.ReplaceCancel(services)))
        {
            var hal = first.Hal();
            await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-restart"));
            ids = await BatchTestSupport.StartManyAsync(first, "i19-batch-restart", count);
            uri = await BatchTestSupport.CreateAsync(hal, new { operation = "cancel", process = "i19-batch-restart" });
            await gate.Reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var stopped = await hal.GetAsync(uri);
            Assert.Equal(("running", 50), (stopped.String("state"), BatchTestSupport.Int(stopped, "done")));
        }

        // Act: a new server process on the same file.
        using var second = new ServerFactory(databasePath: database, settings: settings);
        var done = await BatchTestSupport.FinishedAsync(second.Hal(), uri, TimeSpan.FromMinutes(2));

        // Assert
        Assert.Equal(("completed", count, count, 0), (done.String("state"), BatchTestSupport.Int(done, "total"), BatchTestSupport.Int(done, "done"), BatchTestSupport.Int(done, "failed")));
        var cancelled = await BatchTestSupport.EventsAsync(second, "i19-batch-restart", HistoryTypes.InstanceCancelled);
        Assert.Equal(ids.Order(), cancelled.Select(e => e.InstanceId).Order());
        Assert.All(cancelled, e => Assert.Equal(ServerFactory.AdminUser, e.User));
    }

    /// <summary>The real cancel for the first <c>n</c> instances; after that it waits until the server stops, as a node going down mid-chunk.</summary>
    private sealed class StopAfter(int n) : IBatchOperation
    {
        private readonly CancelInstancesOperation _cancel = new();
        private int _calls;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => _cancel.Name;

        public string Title => _cancel.Title;

        public void ReplaceCancel(IServiceCollection services)
        {
            services.Remove(services.Single(s => s.ServiceType == typeof(IBatchOperation) && s.ImplementationType == typeof(CancelInstancesOperation)));
            services.AddSingleton<IBatchOperation>(this);
        }

        public async Task ApplyAsync(ProcessEngine engine, string instanceId, CommandContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= n)
            {
                await _cancel.ApplyAsync(engine, instanceId, context, cancellationToken);
                return;
            }

            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
