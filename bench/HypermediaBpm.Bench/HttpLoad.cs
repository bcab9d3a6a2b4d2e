using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Bench;

/// <summary>
/// A load generator over loopback: N concurrent clients each start an instance of a user-task model and
/// complete its task through the template embedded in the answer (2 requests per lifecycle). Without
/// --url it starts the server as a child process on a fresh database. --url may list several servers of one cluster
/// (comma-separated, e.g. two nodes on one PostgreSQL database): the clients are spread over them round robin.
/// </summary>
public static class HttpLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var seconds = o.Int("seconds", 15);
        var clients = o.Int("clients", 100);
        var url = o.Get("url", string.Empty);
        Process? server = null;
        var dir = Path.Combine(Path.GetTempPath(), "hbpm-http-" + Guid.NewGuid().ToString("N"));
        if (url.Length == 0)
        {
            url = "http://127.0.0.1:5099";
            Directory.CreateDirectory(dir);
            server = StartServer(url, Path.Combine(dir, "load.db"), o.Get("synchronous", "Full"));
        }

        var nodes = url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u =>
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(u),
            };
            client.DefaultRequestHeaders.Accept.ParseAdd("application/hal+json");
            client.DefaultRequestHeaders.Authorization = Credentials(o);
            return client;
        }).ToArray();
        try
        {
            foreach (var node in nodes)
            {
                await WaitHealthyAsync(node);
            }

            var http = nodes[0];
            var model = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", "user-task-with-form.bpmn"));
            var deployed = await http.PostAsync("/processes", new StringContent(model, Encoding.UTF8, "application/bpmn+xml"));
            deployed.EnsureSuccessStatusCode();

            // Relative, so that every node is asked on its own address; the other nodes read the deployment from the shared store.
            var start = new Uri(new Uri(url.Split(',')[0]), await StartTargetAsync(http, deployed.Headers.Location!.ToString())).PathAndQuery;

            foreach (var node in nodes)
            {
                for (var i = 0; i < 200 / nodes.Length; i++)
                {
                    await LifecycleAsync(node, start, null);
                }
            }

            var latencies = new List<double>[clients];
            var lifecycles = 0L;
            var errors = 0L;
            var stopwatch = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var mine = latencies[c] = new List<double>(100_000);
                var node = nodes[c % nodes.Length];
                while (stopwatch.Elapsed < deadline)
                {
                    try
                    {
                        await LifecycleAsync(node, start, mine);
                        Interlocked.Increment(ref lifecycles);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            })));
            var elapsed = stopwatch.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            Console.WriteLine($"nodes={nodes.Length} clients={clients} seconds={elapsed:F1} lifecycles={lifecycles} errors={errors}");
            Console.WriteLine($"lifecycles/s={lifecycles / elapsed:F0} requests/s={all.Length / elapsed:F0}");
            Console.WriteLine($"request latency ms: p50={Percentile(all, 0.50):F2} p90={Percentile(all, 0.90):F2} p99={Percentile(all, 0.99):F2} max={all.LastOrDefault():F2}");
            return 0;
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            if (server is not null)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                Directory.Delete(dir, true);
            }
        }
    }

    internal static async Task LifecycleAsync(HttpClient http, string startTarget, List<double>? latencies)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var started = await http.PostAsync(startTarget, Json("{\"amount\": 42}"));
        started.EnsureSuccessStatusCode();
        var t1 = Stopwatch.GetTimestamp();
        using var instance = JsonDocument.Parse(await started.Content.ReadAsStreamAsync());
        var task = instance.RootElement.GetProperty("_embedded").GetProperty("bpm:tasks");
        task = task.ValueKind == JsonValueKind.Array ? task[0] : task;
        var complete = task.GetProperty("_templates").GetProperty("complete").GetProperty("target").GetString()!;
        using var completed = await http.PostAsync(complete, Json("{\"approved\": true}"));
        completed.EnsureSuccessStatusCode();
        var t2 = Stopwatch.GetTimestamp();
        latencies?.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
        latencies?.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
    }

    internal static async Task<string> StartTargetAsync(HttpClient http, string processUri)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(processUri));
        return doc.RootElement.GetProperty("_templates").GetProperty("start").GetProperty("target").GetString()!;
    }

    internal static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>The administrator a server started here gets (and the default credentials for --url).</summary>
    internal const string BenchPassword = "bench-admin-password";

    /// <summary>HTTP Basic as <c>--user</c> (default admin) with <c>--password</c> (default the one a started server gets).</summary>
    internal static AuthenticationHeaderValue Credentials(Options o) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(o.Get("user", "admin") + ":" + o.Get("password", BenchPassword))));

    internal static Process StartServer(string url, string database, string synchronous)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "HypermediaBpm.Server.dll");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["Storage__Path"] = database;
        info.Environment["Storage__Synchronous"] = synchronous;
        info.Environment["Samples__Deploy"] = "false";
        info.Environment["Security__Admin__Password"] = BenchPassword;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitHealthyAsync(HttpClient http)
    {
        // Up to a minute: on the shared 2-core machine at a load average of 100 a server took more than the 10 s this was.
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The server did not become healthy.");
    }
}
