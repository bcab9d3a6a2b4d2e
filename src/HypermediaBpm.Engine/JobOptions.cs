namespace HypermediaBpm.Engine;

/// <summary>Bounds and defaults of the worker protocol (lock, complete, fail).</summary>
public sealed class JobOptions
{
    /// <summary>The most jobs one lock request gets.</summary>
    public int MaxJobsPerLock { get; init; } = 100;

    /// <summary>The longest lock a worker may ask for; it extends a lock it needs longer.</summary>
    public TimeSpan MaxLockDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The longest a lock request may wait for jobs (long polling), so that requests do not pile up for ever.</summary>
    public TimeSpan MaxAsyncResponseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a waiting lock request looks at the store first, for jobs created by another process (a job created in
    /// this process wakes it at once); the interval doubles up to <see cref="MaxPollInterval"/>.
    /// </summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The back-off after a job's first failure when the worker names none; it doubles with every further failure up to
    /// <see cref="MaxRetryBackoff"/>, so a broken dependency is not hammered.
    /// </summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The default back-off after <paramref name="failures"/> failures (1 = the first).</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min(RetryBackoff.Ticks * Math.Pow(2, doublings), MaxRetryBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
