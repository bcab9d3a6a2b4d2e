using System.Diagnostics;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Controllers;
using HypermediaBpm.Server.Feeds;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations.Atom;
using HypermediaBpm.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Bench;

/// <summary>
/// Member feed page latency (<c>feed --members N</c>): seeds N instances straight into the file unless it has them —
/// copies of one real instance waiting at a user task, each with its start event, a third of them changed once so the
/// walk has superseded positions to skip — then times building a page (store read, entries, Atom bytes; no HTTP).
/// </summary>
public static class MemberFeedLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var path = o.Get("path", "members.db");
        var count = o.Int("members", 1_000_000);
        var iterations = o.Int("iterations", 300);
        var clock = TimeProvider.System;
        var key = await SeedAsync(path, count);
        await using var store = new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = SqliteSynchronous.Normal });
        await store.InitializeAsync(CancellationToken.None);
        var engine = new ProcessEngine(store, new EngineOptions { Clock = clock });
        var options = Microsoft.Extensions.Options.Options.Create(new FeedOptions());
        var members = new MemberFeeds(store, engine, options);
        var admin = Permissions.Of(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "admin"), new(System.Security.Claims.ClaimTypes.Role, "admins")], "bench")));
        var process = await FeedsController.ProcessFeedAsync(engine, key, CancellationToken.None);
        var first = await store.QueryInstanceFeedAsync(new MemberFeedQuery(20), CancellationToken.None);
        var middle = first.Snapshot / 2;
        Console.WriteLine($"{count} instances, snapshot {first.Snapshot}, file {new FileInfo(path).Length / 1048576} MiB");
        var pages = new (string Name, MemberFeedDefinition Feed, MemberFeedToken Token)[]
        {
            ("all instances, first page", FeedsController.AllInstances, MemberFeedToken.First),
            ("one process, first page", process, MemberFeedToken.First),
            ("all instances, page in the middle", FeedsController.AllInstances, new MemberFeedToken(first.Snapshot, middle, null, false)),
            ("all instances, last page", FeedsController.AllInstances, new MemberFeedToken(null, null, null, true)),
        };
        // Two passes, the first not shown: every page kind's code is compiled at full tier before anything is timed.
        foreach (var (name, feed, token) in pages.Concat(pages).Select((p, i) => (p.Name + (i < pages.Length ? " (warm-up)" : string.Empty), p.Feed, p.Token)))
        {
            var times = new List<double>(iterations);
            for (var i = 0; i < iterations + 20; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var page = await members.ReadAsync(feed, token, null, admin, CancellationToken.None);
                var bytes = AtomWriter.Write(page, "http://localhost/");
                if (i >= 20)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                GC.KeepAlive(bytes);
            }

            times.Sort();
            if (name.EndsWith("(warm-up)", StringComparison.Ordinal))
            {
                continue;
            }

            Console.WriteLine($"{name,-36} median {times[times.Count / 2],6:F2} ms  p99 {times[(int)(times.Count * 0.99)],6:F2} ms");
        }

        return 0;
    }

    /// <summary>Makes one real waiting instance through the engine, then copies its rows until the file holds <paramref name="count"/>.</summary>
    private static async Task<string> SeedAsync(string path, int count)
    {
        string key;
        await using (var store = new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = SqliteSynchronous.Normal }))
        {
            await store.InitializeAsync(CancellationToken.None);
            var engine = new ProcessEngine(store);
            var model = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "user-task-with-form.bpmn"));
            key = await store.GetLatestDefinitionAsync("user-task-with-form", CancellationToken.None) is { } existing
                ? existing.Key
                : (await engine.DeployAsync(model, null, null, null, CancellationToken.None)).Key;
            if ((await store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1)), CancellationToken.None)).Items.Count == 0)
            {
                await engine.StartAsync(key, null, "order-0", new Dictionary<string, object?> { ["amount"] = 10L }, false, CommandContext.Anonymous, CancellationToken.None);
            }
        }

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var countCommand = connection.CreateCommand();
        countCommand.CommandText = "SELECT COUNT(*) FROM instances;";
        var have = (long)countCommand.ExecuteScalar()!;
        if (have >= count)
        {
            return key;
        }

        var stopwatch = Stopwatch.StartNew();
        using var seed = connection.CreateCommand();

        // Ids like the engine's (time-ordered hex); each copy gets its own start event, so "started by" has something to find.
        seed.CommandText = """
            PRAGMA synchronous = OFF;
            BEGIN;
            CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT $from UNION ALL SELECT i + 1 FROM c WHERE i < $to) SELECT i FROM c;
            INSERT INTO instances (id, definition_id, process_key, process_version, business_key, state, revision, started_at, ended_at, updated_at, state_json)
            SELECT printf('%032x', 4096 + n.i), t.definition_id, t.process_key, t.process_version, 'order-' || n.i, t.state, 1,
                   t.started_at + n.i, NULL, t.updated_at + n.i, t.state_json
            FROM n, (SELECT * FROM instances ORDER BY id LIMIT 1) t;
            INSERT INTO history (instance_id, process_key, type, user_name, occurred_at)
            SELECT printf('%032x', 4096 + n.i), 'user-task-with-form', 'instance-started', 'user' || (n.i % 997), 0 FROM n;
            UPDATE instances SET revision = 2 WHERE id IN (SELECT printf('%032x', 4096 + i) FROM n WHERE i % 3 = 0);
            DROP TABLE n;
            COMMIT;
            """;
        seed.Parameters.AddWithValue("$from", have);
        seed.Parameters.AddWithValue("$to", count - 1);
        seed.CommandTimeout = 0;
        seed.ExecuteNonQuery();
        Console.WriteLine($"seeded {count - have} instances in {stopwatch.Elapsed.TotalSeconds:F0} s");
        return key;
    }
}
