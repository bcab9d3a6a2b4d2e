using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Scripting;

/// <summary>
/// Issue 13, finding 5: scripts that once took RSS to gigabytes or burned a core for minutes after their "timeout"
/// now end within the sandbox's limits, as incidents, and leave nothing running or allocated behind them.
/// </summary>
[Collection(nameof(ResourceMeasurement))]
public sealed class Issue13RunawayScriptTests
{
    private const long Megabyte = 1024 * 1024;

    [Theory]
    [InlineData("script-doubling-string", ScriptException.MemoryLimitCode, "allocated more than")]
    [InlineData("script-sparse-index-of", ScriptException.FailedCode, "length 4294967295")]
    [InlineData("script-sparse-join-sort", ScriptException.FailedCode, "length 4294967295")]
    [InlineData("script-catastrophic-regex", ScriptException.TimeoutCode, "regular expression")]
    [InlineData("script-deep-recursion", ScriptException.RecursionLimitCode, "recursed")]
    public async Task Issue13_RunawayScript_EndsAsIncident_AndLeavesNothingRunning(string fixture, string code, string message)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync(fixture);
        await h.StartAsync(key); // warm: the measured run pays for no first-time JIT or cache
        var workingSetBefore = SettledWorkingSet();
        var watch = Stopwatch.StartNew();

        // Act
        var instance = await h.StartAsync(key);
        var answeredAfter = watch.Elapsed;

        // Assert: an incident, within the limits (2 s run, 1 s regex) plus slack for a busy machine.
        Assert.Equal(InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(code, incident.Code);
        Assert.Contains(message, incident.Message, StringComparison.Ordinal);
        Assert.True(answeredAfter < ScriptLimits.Default.Timeout + TimeSpan.FromSeconds(8), $"answered after {answeredAfter}");

        // One second after the answer, a quiet second: a run left behind keeps one thread busy through it. The
        // process as a whole may spend a little on the runtime's own threads (JIT, GC); no thread may spend much.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (total, busiest) = CpuDuring(TimeSpan.FromSeconds(1));
        Assert.True(busiest.Time < TimeSpan.FromMilliseconds(100), $"thread '{busiest.Name}' used {busiest.Time.TotalMilliseconds:0} ms of CPU in the second after");
        Assert.True(total < TimeSpan.FromMilliseconds(300), $"the process used {total.TotalMilliseconds:0} ms of CPU in the second after");
        var grown = SettledWorkingSet() - workingSetBefore;
        Assert.True(grown < 100 * Megabyte, $"the working set stayed {grown / Megabyte} MB above where it started");
    }

    /// <summary>CPU spent in the window by every thread but the runtime's tiered compiler, and by the busiest one.</summary>
    private static (TimeSpan Total, (string Name, TimeSpan Time) Busiest) CpuDuring(TimeSpan window)
    {
        var before = ThreadTimes();
        Thread.Sleep(window);
        var spent = ThreadTimes()
            .Where(thread => !thread.Value.Name.StartsWith(".NET Tiered", StringComparison.Ordinal))
            .Select(thread => (thread.Value.Name, Time: thread.Value.Time - (before.TryGetValue(thread.Key, out var earlier) ? earlier.Time : TimeSpan.Zero)))
            .ToList();
        var busiest = spent.DefaultIfEmpty((Name: "none", Time: TimeSpan.Zero)).MaxBy(thread => thread.Time);
        return (spent.Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Time), busiest);
    }

    /// <summary>
    /// CPU time per thread of this process, with the thread's name. The runtime's tiered compiler recompiles code a
    /// run made hot on its own thread for a while afterwards; that is the runtime, not a script, so it is named to
    /// be left out (Linux names threads in /proc; elsewhere every thread counts).
    /// </summary>
    private static Dictionary<int, (string Name, TimeSpan Time)> ThreadTimes()
    {
        var times = new Dictionary<int, (string Name, TimeSpan Time)>();
        if (OperatingSystem.IsLinux())
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    // utime and stime are fields 14 and 15 of stat, counted after the ")" that ends the name.
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                    times[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, TimeSpan.FromSeconds(ticks / 100.0));
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the reading: it is not running anything.
                }
            }

            return times;
        }

        using var process = Process.GetCurrentProcess();
        foreach (ProcessThread thread in process.Threads)
        {
            using (thread)
            {
                try
                {
                    times[thread.Id] = ("thread " + thread.Id, thread.TotalProcessorTime);
                }
                catch (InvalidOperationException)
                {
                    // Ended meanwhile.
                }
            }
        }

        return times;
    }

    private static long SettledWorkingSet()
    {
        // Aggressive collections give freed memory back to the system, so the working set shows what is still held.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
