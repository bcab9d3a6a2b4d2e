using System.Diagnostics;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Feeds;
using HypermediaBpm.Server.Representations.Atom;
using HypermediaBpm.Server.Resources;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Bench;

/// <summary>
/// Feed document latency on a large history: fills a file with instances waiting at a user task (about 4
/// history events each) unless it already has --events, then times building each feed document (store
/// reads + Atom bytes, no HTTP) for the subscription documents and random archives.
/// </summary>
public static class FeedLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var path = o.Get("path", "feeds.db");
        var events = o.Int("events", 1_000_000);
        var iterations = o.Int("iterations", 300);
        await using var store = new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = SqliteSynchronous.Normal });
        await store.InitializeAsync(CancellationToken.None);
        var engine = new ProcessEngine(store);
        var model = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "user-task-with-form.bpmn"));
        var key = await store.GetLatestDefinitionAsync("user-task-with-form", CancellationToken.None) is { } existing
            ? existing.Key
            : (await engine.DeployAsync(model, null, null, null, CancellationToken.None)).Key;
        var stopwatch = Stopwatch.StartNew();
        while (await store.GetLastHistorySequenceAsync(CancellationToken.None) < events)
        {
            await Task.WhenAll(Enumerable.Range(0, 256).Select(i => Task.Run(async () =>
            {
                for (var n = 0; n < 40; n++)
                {
                    await engine.StartAsync(key, null, null, new Dictionary<string, object?> { ["amount"] = 10L }, false, CommandContext.Anonymous, CancellationToken.None);
                }
            })));
        }

        var last = await store.GetLastHistorySequenceAsync(CancellationToken.None);
        Console.WriteLine($"history events: {last} (filled in {stopwatch.Elapsed.TotalSeconds:F0} s), file {new FileInfo(path).Length / 1048576} MiB");
        var options = new FeedOptions();
        var reader = new FeedReader(store, Microsoft.Extensions.Options.Options.Create(options), new HypermediaBpm.Engine.Retention.HistoryRetentionOptions());
        var anInstance = (await store.QueryFeedAsync(new FeedQuery(new FeedFilter(), UpToSequence: last / 2, Limit: 1), CancellationToken.None))[0].InstanceId;
        var feeds = new (string Name, FeedDefinition Feed)[]
        {
            ("all events", new("events", "Events", new FeedFilter(), Uris.EventsFeed, [], Uris.Instances)),
            ("lifecycle of one process", new("process", "Process", new FeedFilter(FeedResources.LifecycleTypes, ProcessKey: key), Uris.ProcessFeed(key), [], Uris.Process(key))),
            ("one instance", new("instance", "Instance", new FeedFilter(InstanceId: anInstance), Uris.InstanceFeed(anInstance), [], Uris.Instance(anInstance))),
            ("incidents (empty)", new("incidents", "Incidents", new FeedFilter(["incident-created"]), Uris.IncidentsFeed, [], Uris.Instances)),
        };
        var random = new Random(42);
        foreach (var (name, feed) in feeds)
        {
            await MeasureAsync(name + ", subscription", iterations, async () => await reader.SubscriptionAsync(feed.Filter, CancellationToken.None), feed, options);
            var complete = last / options.ArchiveSize;
            await MeasureAsync(name + ", random archive", iterations, async () =>
                await reader.ArchiveAsync(feed.Filter, random.NextInt64(0, complete), CancellationToken.None), feed, options);
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, int iterations, Func<Task<FeedPage?>> read, FeedDefinition feed, FeedOptions options)
    {
        var times = new List<double>(iterations);
        var entries = 0L;
        for (var i = 0; i < iterations + 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var page = await read();
            var bytes = page is null ? [] : AtomWriter.Write(FeedResources.Feed(feed, page, options), "http://localhost/");
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 20)
            {
                times.Add(elapsed);
                entries += page?.Entries.Count ?? 0;
            }

            GC.KeepAlive(bytes);
        }

        times.Sort();
        Console.WriteLine($"{name,-36} median {times[times.Count / 2],6:F2} ms  p99 {times[(int)(times.Count * 0.99)],6:F2} ms  entries/doc {entries / (double)iterations,6:F1}");
    }
}
