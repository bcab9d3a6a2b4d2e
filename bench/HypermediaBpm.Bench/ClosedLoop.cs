using System.Diagnostics;

namespace HypermediaBpm.Bench;

/// <summary>
/// C clients, each sending its next request as soon as the previous one answered, for a fixed time: the server's
/// capacity for one kind of request. The action returns how many requests it made (a lifecycle makes two).
/// </summary>
public static class ClosedLoop
{
    public sealed record Result(string Name, double Seconds, long Operations, long Requests, long Errors, double[] SortedLatencies)
    {
        public double OperationsPerSecond => Operations / Seconds;

        public double RequestsPerSecond => Requests / Seconds;

        public string Line() =>
            $"{Name,-22} ops/s={OperationsPerSecond,9:F0} req/s={RequestsPerSecond,9:F0} errors={Errors} " +
            $"p50={HttpLoad.Percentile(SortedLatencies, 0.50):F2} p99={HttpLoad.Percentile(SortedLatencies, 0.99):F2} ms";
    }

    public static async Task<Result> RunAsync(string name, HttpClient http, int clients, TimeSpan duration, Func<HttpClient, List<double>, Task<int>> action)
    {
        var latencies = new List<double>[clients];
        long operations = 0, requests = 0, errors = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(50_000);
            while (stopwatch.Elapsed < duration)
            {
                try
                {
                    var n = await action(http, mine);
                    Interlocked.Increment(ref operations);
                    Interlocked.Add(ref requests, n);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        return new Result(name, elapsed, operations, requests, errors, latencies.SelectMany(l => l).Order().ToArray());
    }

    /// <summary>One GET whose answer must be 2xx; the body is read to its end, as a client would.</summary>
    public static async Task<int> GetAsync(HttpClient http, string path, string? accept, List<double> latencies)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        return 1;
    }
}
