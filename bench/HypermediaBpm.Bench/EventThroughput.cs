using System.Diagnostics;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Bench;

/// <summary>
/// Events through the real engine and a real SQLite file: message correlations per second (each one finds the
/// waiting instance by name and key, moves it on and commits), and timer firings per second (schedulers claim
/// due timers with a lease and fire each through the command path).
/// </summary>
public static class EventThroughput
{
    public static async Task<int> RunAsync(string kind, string[] args)
    {
        var o = new Options(args);
        var count = o.Int("count", 20_000);
        var concurrency = o.Int("concurrency", 64);
        var schedulers = o.Int("schedulers", 2);
        var synchronous = Enum.Parse<SqliteSynchronous>(o.Get("synchronous", "Full"), true);
        var dir = Path.Combine(Path.GetTempPath(), "hbpm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            await using var store = new SqliteEngineStore(new SqliteStoreOptions { Path = Path.Combine(dir, "bench.db"), Synchronous = synchronous });
            await store.InitializeAsync(CancellationToken.None);
            var engine = new ProcessEngine(store);
            var model = kind == "messages" ? "message-wait" : "timer-wait";
            var key = (await engine.DeployAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", model + ".bpmn")), null, null, null, CancellationToken.None)).Key;

            // The waiting instances, started concurrently (not measured).
            var next = -1;
            var started = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await engine.StartAsync(key, null, "order-" + i, new Dictionary<string, object?>(), false, CommandContext.Anonymous, CancellationToken.None);
                }
            })));
            Console.WriteLine($"started {count} waiting instances in {started.Elapsed.TotalSeconds:F1}s");

            var stopwatch = Stopwatch.StartNew();
            if (kind == "messages")
            {
                var order = -1;
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref order)) < count)
                    {
                        var reached = await engine.CorrelateMessageAsync("paid", "order-" + i, new Dictionary<string, object?> { ["amount"] = 10L }, null, CancellationToken.None);
                        if (reached.Reached.Count != 1)
                        {
                            throw new InvalidOperationException($"order-{i} reached {reached.Reached.Count} instances");
                        }
                    }
                })));
            }
            else
            {
                // Wait until every timer is due, then let the schedulers fire them all.
                await Task.Delay(TimeSpan.FromSeconds(1.2));
                stopwatch.Restart();
                var fired = 0;
                await Task.WhenAll(Enumerable.Range(0, schedulers).Select(_ => Task.Run(async () =>
                {
                    var scheduler = new TimerScheduler(engine, TimeProvider.System);
                    Interlocked.Add(ref fired, await scheduler.FireDueAsync(CancellationToken.None));
                })));
                if (fired != count)
                {
                    throw new InvalidOperationException($"{fired} of {count} timers fired");
                }
            }

            var elapsed = stopwatch.Elapsed.TotalSeconds;
            var completed = await store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1), "completed"), CancellationToken.None);
            Console.WriteLine($"{kind}: synchronous={synchronous} count={count} concurrency={(kind == "messages" ? concurrency : schedulers)} seconds={elapsed:F2} rate={count / elapsed:F0}/s completed={completed.Total}");
            return completed.Total == count ? 0 : 1;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
