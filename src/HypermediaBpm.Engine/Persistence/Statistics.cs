namespace HypermediaBpm.Engine.Persistence;

/// <summary>How many instances of one process are in one state (from the store's counters, not a scan).</summary>
public sealed record InstanceCount(string ProcessKey, string State, long Count);

/// <summary>
/// What the operations view draws on a process's diagram, for one of its elements (<paramref name="ActivityId"/>):
/// how many tokens of not-ended instances are at it now (<paramref name="Waiting"/>), how many incidents are open there
/// (<paramref name="Incidents"/>), and, over the latest instances (<see cref="ActivityStatisticsQuery.SampleSize"/>),
/// how often it was left and how long it was spent in (<paramref name="Completed"/>, <paramref name="TimeSpent"/>).
/// </summary>
public sealed record ActivityStatistics(string ActivityId, long Waiting, long Incidents, long Completed, TimeSpan TimeSpent)
{
    /// <summary>The mean time an instance spent in the element; null when none left it yet.</summary>
    public TimeSpan? AverageTime => Completed > 0 ? TimeSpent / Completed : null;
}

/// <summary>
/// The statistics of every version of one process. Waiting and incidents are counted over its instances that have
/// not ended; time spent over its latest <see cref="SampleSize"/> instances (newest first), so the cost of the query
/// does not grow with the age of the process.
/// </summary>
public sealed record ActivityStatisticsQuery(string ProcessKey, int SampleSize = ActivityStatisticsQuery.DefaultSampleSize)
{
    public const int DefaultSampleSize = 1000;
}
