using System.Diagnostics;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Bench;

/// <summary>
/// Fills a database with N instances waiting at a user task (through the engine, so every row is real),
/// for the memory and list-latency measurements: run the server on the file afterwards.
/// </summary>
public static class Populate
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var count = o.Int("count", 1_000_000);
        var path = o.Get("path", "populated.db");
        var concurrency = o.Int("concurrency", 256);
        await using var store = new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = SqliteSynchronous.Normal });
        await store.InitializeAsync(CancellationToken.None);
        var engine = new ProcessEngine(store);
        var model = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "user-task-with-form.bpmn"));
        var key = (await engine.DeployAsync(model, null, null, null, CancellationToken.None)).Key;
        var next = -1L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var variables = new Dictionary<string, object?> { ["amount"] = next % 5000, ["requester"] = "user" + (next % 997) };
                await engine.StartAsync(key, null, "order-" + next, variables, false, CommandContext.Anonymous, CancellationToken.None);
            }
        })));
        Console.WriteLine($"{count} waiting instances in {stopwatch.Elapsed.TotalSeconds:F0} s ({count / stopwatch.Elapsed.TotalSeconds:F0}/s) → {path} ({new FileInfo(path).Length / 1048576} MiB)");
        return 0;
    }
}
