using System.Diagnostics;
using System.Globalization;

namespace HypermediaBpm.Bench;

/// <summary>
/// An open-loop load generator (as wrk2 is): lifecycles (start + complete) are scheduled at a fixed arrival rate,
/// whatever the server does, and each start's latency is measured from its <em>scheduled</em> send time, so a server
/// that falls behind shows its queue in the latencies instead of slowing the generator down (no coordinated
/// omission). The complete is sent when the start answered and is measured from then (it cannot be scheduled earlier).
/// </summary>
public static class OpenLoop
{
    /// <summary>Late means the generator itself sent a start more than this after its scheduled time.</summary>
    private static readonly TimeSpan SendSlack = TimeSpan.FromMilliseconds(5);

    public sealed record Result(double OfferedRate, double Seconds, int Scheduled, int Completed, int Errors, int SentLate, int Over20Ms, int MaxInFlight,
        double[] SortedRequests, double[] SortedLifecycles)
    {
        public string Lines()
        {
            var r = SortedRequests;
            var l = SortedLifecycles;
            return string.Create(CultureInfo.InvariantCulture,
                $"open loop: offered={OfferedRate:F0} lifecycles/s for {Seconds:F1} s, scheduled={Scheduled} completed={Completed} errors={Errors} " +
                $"achieved={Completed / Seconds:F0}/s sent-late(>{SendSlack.TotalMilliseconds:F0} ms)={SentLate} requests-over-20ms={Over20Ms} max-in-flight={MaxInFlight}\n" +
                $"  request latency ms (start from its scheduled time): p50={P(r, 0.50):F2} p90={P(r, 0.90):F2} p99={P(r, 0.99):F2} p99.9={P(r, 0.999):F2} max={r.LastOrDefault():F2}\n" +
                $"  lifecycle latency ms (scheduled start to completed):  p50={P(l, 0.50):F2} p90={P(l, 0.90):F2} p99={P(l, 0.99):F2} p99.9={P(l, 0.999):F2} max={l.LastOrDefault():F2}");
        }

        private static double P(double[] sorted, double p) => HttpLoad.Percentile(sorted, p);
    }

    /// <summary><c>bench open --rate R --seconds N [--url …] [--model usertask|form]</c>: against a running server or one started here.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        await using var target = await CompareServer.StartAsync(o);
        var startTarget = await target.DeployAsync(o.Get("model", "usertask"));
        await target.WarmUpAsync(startTarget);
        var result = await MeasureAsync(target.Url, HttpLoad.Credentials(o), startTarget, o.Int("rate", 500), TimeSpan.FromSeconds(o.Int("seconds", 10)));
        Console.WriteLine(result.Lines());
        return 0;
    }

    public static async Task<Result> MeasureAsync(string url, System.Net.Http.Headers.AuthenticationHeaderValue credentials, string startTarget, double rate, TimeSpan duration)
    {
        // Sized for the rate: connections in use = rate × latency (Little's law); 200 ms of arrivals leaves room for a
        // server that falls behind, whose queue then shows as latency rather than as a generator that stops sending.
        var connections = Math.Max(32, (int)(rate / 5));
        using var http = CompareServer.Client(url, credentials, connections);
        var total = (int)(rate * duration.TotalSeconds);
        var requests = new double[total * 2];
        var lifecycles = new double[total];
        Array.Fill(requests, double.NaN);
        Array.Fill(lifecycles, double.NaN);
        var tasks = new Task[total];
        int errors = 0, late = 0, inFlight = 0, maxInFlight = 0;
        var origin = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(origin).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                var i = sent;
                var scheduled = origin + (long)(i / rate * Stopwatch.Frequency);
                tasks[i] = Task.Run(async () =>
                {
                    var now = Interlocked.Increment(ref inFlight);
                    InterlockedMax(ref maxInFlight, now);
                    if (Stopwatch.GetElapsedTime(scheduled) > SendSlack)
                    {
                        Interlocked.Increment(ref late);
                    }

                    try
                    {
                        var times = new List<double>(2);
                        await HttpLoad.LifecycleAsync(http, startTarget, times);
                        var end = Stopwatch.GetTimestamp();
                        var lifecycle = Stopwatch.GetElapsedTime(scheduled, end).TotalMilliseconds;
                        lifecycles[i] = lifecycle;
                        requests[2 * i] = lifecycle - times[1]; // the start, from its scheduled time
                        requests[(2 * i) + 1] = times[1];
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                });
            }

            await Task.Delay(1);
        }

        // The rate achieved is over the scheduled window; the stragglers then get 30 s to finish (those that do not are
        // counted as not completed).
        var seconds = Stopwatch.GetElapsedTime(origin).TotalSeconds;
        await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(30)));
        var doneRequests = requests.Where(d => !double.IsNaN(d)).Order().ToArray();
        var doneLifecycles = lifecycles.Where(d => !double.IsNaN(d)).Order().ToArray();
        return new Result(rate, seconds, total, doneLifecycles.Length, errors, late, doneRequests.Count(d => d > 20), maxInFlight, doneRequests, doneLifecycles);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
