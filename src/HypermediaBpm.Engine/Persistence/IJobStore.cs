namespace HypermediaBpm.Engine.Persistence;

/// <summary>Jobs for external workers, and the worker locks on them. Part of <see cref="IEngineStore"/>.</summary>
public interface IJobStore
{
    Task<JobRecord?> GetJobAsync(string id, CancellationToken cancellationToken);

    /// <summary>Open jobs, oldest first, of one topic (or all when null).</summary>
    Task<IReadOnlyList<JobRecord>> QueryJobsAsync(string? topic, int limit, CancellationToken cancellationToken);

    /// <summary>Jobs of a topic (or all), oldest first, whatever their state, one keyset page.</summary>
    Task<Page<JobRecord>> QueryJobsAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Locks up to <paramref name="limit"/> jobs of <paramref name="topic"/> for <paramref name="workerId"/> until
    /// <paramref name="lockUntil"/>, oldest first, atomically: only jobs with retries left, past their back-off, whose
    /// lock is free or ran out at <paramref name="now"/>. Two workers locking at once get disjoint batches.
    /// </summary>
    Task<IReadOnlyList<JobRecord>> LockJobsAsync(string topic, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the end of <paramref name="workerId"/>'s lock on a job to <paramref name="lockUntil"/>; null (and nothing
    /// changed) unless that worker holds the job at <paramref name="now"/>.
    /// </summary>
    Task<JobRecord?> ExtendJobLockAsync(string jobId, string workerId, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken);
}
