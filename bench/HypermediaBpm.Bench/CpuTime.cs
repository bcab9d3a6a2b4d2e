using System.Diagnostics;

namespace HypermediaBpm.Bench;

/// <summary>
/// CPU time used over a window, by the whole process and by its busiest thread. Unlike a rate, CPU time per unit of work
/// hardly changes when other processes take the machine's cores, so it compares two builds even on a busy machine; the
/// busiest thread of the engine bench is the store's single writer, which bounds the rate.
/// </summary>
internal static class CpuTime
{
    public sealed record Sample(TimeSpan Process, Dictionary<int, TimeSpan> Threads);

    public static Sample Snapshot()
    {
        using var process = Process.GetCurrentProcess();
        var threads = new Dictionary<int, TimeSpan>();
        foreach (ProcessThread thread in process.Threads)
        {
            try
            {
                threads[thread.Id] = thread.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                // the thread ended while the list was read
            }
        }

        return new Sample(process.TotalProcessorTime, threads);
    }

    public static (TimeSpan Process, TimeSpan BusiestThread) Since(Sample before)
    {
        var now = Snapshot();
        var busiest = now.Threads.Select(t => t.Value - before.Threads.GetValueOrDefault(t.Key)).DefaultIfEmpty().Max();
        return (now.Process - before.Process, busiest);
    }
}
