using System.Diagnostics;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Bench;

/// <summary>
/// Instances per second through the real engine and a real store (a SQLite file, or with <c>--store postgres
/// --connection</c> a fresh database on that PostgreSQL server), every command committed.
/// Concurrent callers let the store group several commands into one transaction.
/// </summary>
public static class EngineThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var seconds = o.Int("seconds", 10);
        var concurrency = o.Int("concurrency", 64);
        var model = o.Get("model", "straight");
        var synchronous = Enum.Parse<SqliteSynchronous>(o.Get("synchronous", "Full"), true);
        var dir = Path.Combine(Path.GetTempPath(), "hbpm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var kind = o.Get("store", "sqlite");
        var postgres = kind == "postgres" ? await PostgresBenchDatabase.CreateAsync(o.Get("connection", string.Empty)) : null;
        try
        {
            IEngineStore store = kind switch
            {
                "null" => new NullStore(),
                "postgres" => new PostgresEngineStore(new PostgresStoreOptions { ConnectionString = postgres!.ConnectionString }),
                _ => new SqliteEngineStore(new SqliteStoreOptions { Path = Path.Combine(dir, "bench.db"), Synchronous = synchronous }),
            };
            await using var _ = store as IAsyncDisposable;
            await store.InitializeAsync(CancellationToken.None);
            if (o.Get("member-feeds", "on") == "off" && store is SqliteEngineStore)
            {
                // For measuring what keeping member feed positions costs the write path (migration 0018's triggers); never for real use.
                using var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, "bench.db")};Pooling=False");
                raw.Open();
                using var drop = raw.CreateCommand();
                drop.CommandText = "DROP TRIGGER tr_instances_feed_insert; DROP TRIGGER tr_instances_feed_update; DROP TRIGGER tr_tasks_feed_insert; DROP TRIGGER tr_tasks_feed_update;";
                drop.ExecuteNonQuery();
            }

            var engine = new ProcessEngine(store);
            var file = model switch { "parallel" => "parallel-straight-through", "usertask" => "user-task-with-form", _ => "straight-through" };
            // --file runs any model (e.g. the shared peer models, ../shared/peers/models) instead of the built-in ones.
            var path = o.Get("file", Path.Combine(AppContext.BaseDirectory, "Models", file + ".bpmn"));
            var key = (await engine.DeployAsync(File.ReadAllText(path), null, null, null, CancellationToken.None)).Key;

            // Warm up the JIT and the definition cache.
            for (var i = 0; i < 200; i++)
            {
                await OneAsync(engine, key, model);
            }

            GC.Collect();
            var (tripsBefore, operationsBefore) = Counters(store);
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var cpuBefore = CpuTime.Snapshot();
            var count = 0L;
            var stopwatch = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (stopwatch.Elapsed < deadline)
                {
                    await OneAsync(engine, key, model);
                    Interlocked.Increment(ref count);
                }
            }));
            await Task.WhenAll(workers);
            var elapsed = stopwatch.Elapsed.TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var (processCpu, busiestThreadCpu) = CpuTime.Since(cpuBefore);
            Console.WriteLine($"model={model} store={store.GetType().Name} synchronous={synchronous} concurrency={concurrency} seconds={elapsed:F1}");
            Console.WriteLine($"instances={count} rate={count / elapsed:F0}/s allocated/instance={allocated / Math.Max(count, 1) / 1024.0:F1} KiB");
            Console.WriteLine($"cpu/instance={processCpu.TotalMicroseconds / Math.Max(count, 1):F1} µs (whole process), busiest thread {busiestThreadCpu.TotalMicroseconds / Math.Max(count, 1):F1} µs (the writer when it is the bottleneck)");
            Console.WriteLine($"RESULT model={model} rate={count / elapsed:F0} allocatedBytesPerInstance={allocated / Math.Max(count, 1)} cpuMicrosecondsPerInstance={processCpu.TotalMicroseconds / Math.Max(count, 1):F1} busiestThreadMicrosecondsPerInstance={busiestThreadCpu.TotalMicroseconds / Math.Max(count, 1):F1}");
            if (store is PostgresEngineStore)
            {
                var (trips, operations) = Counters(store);
                trips -= tripsBefore;
                operations -= operationsBefore;
                Console.WriteLine($"writer: operations={operations} round-trips={trips} round-trips/operation={trips / (double)Math.Max(operations, 1):F2} round-trips/instance={trips / (double)Math.Max(count, 1):F2} operations/instance={operations / (double)Math.Max(count, 1):F2}");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, true);
            if (postgres is not null)
            {
                await postgres.DropAsync();
            }
        }
    }

    private static (long Trips, long Operations) Counters(IEngineStore store) =>
        store is PostgresEngineStore pg ? (pg.WriterRoundTrips, pg.WriterOperations) : (0, 0);

    private static readonly Dictionary<string, object?> Form = new() { ["amount"] = 10L };

    // The shared peer models' convention: instances alternate amount 50 and 150, so both gateway branches run.
    private static readonly Dictionary<string, object?> Low = new() { ["amount"] = 50L };
    private static readonly Dictionary<string, object?> High = new() { ["amount"] = 150L };
    private static long started;

    private static async Task OneAsync(ProcessEngine engine, string key, string model)
    {
        var variables = model == "usertask" ? Form : (Interlocked.Increment(ref started) & 1) == 0 ? Low : High;
        var outcome = await engine.StartAsync(key, null, null, variables, false, CommandContext.Anonymous, CancellationToken.None);
        if (model == "usertask")
        {
            var tasks = await engine.Store.QueryTasksAsync(new TaskQuery(new PageRequest(5), InstanceId: outcome.InstanceId), CancellationToken.None);
            await engine.CompleteTaskAsync(tasks.Items[0].Id, new Dictionary<string, object?>(), false, CommandContext.Anonymous, CancellationToken.None);
        }
    }
}
