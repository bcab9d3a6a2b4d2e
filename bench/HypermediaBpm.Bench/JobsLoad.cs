using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Bench;

/// <summary>
/// Job throughput over loopback HTTP: for each worker count, a batch of jobs is created (instances started, not
/// measured), then N workers drain them through the worker protocol as a worker would (lock a batch, complete each
/// job by its template) until a lock comes back empty. Without --url it starts the server as a child process.
/// </summary>
public static class JobsLoad
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="bench">
          <process id="bench-jobs" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <serviceTask id="work" camunda:type="external" camunda:topic="bench" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var jobs = o.Int("jobs", 3000);
        var batch = o.Int("batch", 10);
        var workerCounts = o.Get("workers", "1,4,16").Split(',').Select(w => int.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var synchronous = o.Get("synchronous", "Full");
        var url = o.Get("url", string.Empty);
        Process? server = null;
        var dir = Path.Combine(Path.GetTempPath(), "hbpm-jobs-" + Guid.NewGuid().ToString("N"));
        if (url.Length == 0)
        {
            url = "http://127.0.0.1:5098";
            Directory.CreateDirectory(dir);
            server = HttpLoad.StartServer(url, Path.Combine(dir, "jobs.db"), synchronous);
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
        };
        http.DefaultRequestHeaders.Authorization = HttpLoad.Credentials(o);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/hal+json");
        try
        {
            await HttpLoad.WaitHealthyAsync(http);
            using var deployed = await http.PostAsync("/processes", new StringContent(Model, Encoding.UTF8, "application/bpmn+xml"));
            deployed.EnsureSuccessStatusCode();
            var start = await TemplateTargetAsync(http, deployed.Headers.Location!.ToString(), "start");
            var lockTarget = await LockTargetAsync(http);
            Console.WriteLine($"durability={synchronous} jobs per round={jobs} lock batch={batch}");
            foreach (var workers in workerCounts)
            {
                await CreateJobsAsync(http, start, jobs);
                var locks = new List<double>[workers];
                var completes = new List<double>[workers];
                var done = 0L;
                var stopwatch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
                {
                    locks[w] = new List<double>();
                    completes[w] = new List<double>();
                    Interlocked.Add(ref done, await WorkAsync(http, lockTarget, $"worker-{w}", batch, locks[w], completes[w]));
                })));
                var elapsed = stopwatch.Elapsed.TotalSeconds;
                var lockMs = locks.SelectMany(l => l).Order().ToArray();
                var completeMs = completes.SelectMany(l => l).Order().ToArray();
                Console.WriteLine(
                    $"workers={workers,2} jobs={done} seconds={elapsed:F2} jobs/s={done / elapsed:F0} requests/s={(lockMs.Length + completeMs.Length) / elapsed:F0} " +
                    $"lock p50={HttpLoad.Percentile(lockMs, 0.5):F1}ms p99={HttpLoad.Percentile(lockMs, 0.99):F1}ms " +
                    $"complete p50={HttpLoad.Percentile(completeMs, 0.5):F1}ms p99={HttpLoad.Percentile(completeMs, 0.99):F1}ms");
            }

            return 0;
        }
        finally
        {
            if (server is not null)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                Directory.Delete(dir, true);
            }
        }
    }

    /// <summary>One worker: lock a batch, complete each job by its template, until a lock answers no job.</summary>
    private static async Task<long> WorkAsync(HttpClient http, string lockTarget, string worker, int batch, List<double> locks, List<double> completes)
    {
        var completed = 0L;
        var lockBody = $"{{\"workerId\":\"{worker}\",\"maxJobs\":{batch},\"lockDuration\":\"PT1M\"}}";
        var completeBody = $"{{\"workerId\":\"{worker}\",\"variables\":{{\"done\":true}}}}";
        while (true)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var locked = await http.PostAsync(lockTarget, HttpLoad.Json(lockBody));
            locked.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await locked.Content.ReadAsStreamAsync());
            locks.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            var items = Items(doc.RootElement);
            if (items.Count == 0)
            {
                return completed;
            }

            foreach (var item in items)
            {
                var target = item.GetProperty("_templates").GetProperty("complete").GetProperty("target").GetString()!;
                var t1 = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(target, HttpLoad.Json(completeBody));
                response.EnsureSuccessStatusCode();
                completes.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
                completed++;
            }
        }
    }

    private static List<JsonElement> Items(JsonElement batch)
    {
        if (!batch.TryGetProperty("_embedded", out var embedded) || !embedded.TryGetProperty("item", out var item))
        {
            return [];
        }

        return item.ValueKind == JsonValueKind.Array ? item.EnumerateArray().ToList() : [item];
    }

    private static async Task CreateJobsAsync(HttpClient http, string start, int count)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var response = await http.PostAsync(start, HttpLoad.Json("{}"));
                response.EnsureSuccessStatusCode();
            }
        })));
    }

    /// <summary>From the root, by links: <c>bpm:jobs</c> with the topic, then its <c>lock</c> template.</summary>
    private static async Task<string> LockTargetAsync(HttpClient http)
    {
        using var root = JsonDocument.Parse(await http.GetStringAsync("/"));
        var href = root.RootElement.GetProperty("_links").GetProperty("bpm:jobs").GetProperty("href").GetString()!;
        return await TemplateTargetAsync(http, href.Replace("{?topic}", "?topic=bench", StringComparison.Ordinal), "lock");
    }

    private static async Task<string> TemplateTargetAsync(HttpClient http, string uri, string template)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(uri));
        return doc.RootElement.GetProperty("_templates").GetProperty(template).GetProperty("target").GetString()!;
    }
}
