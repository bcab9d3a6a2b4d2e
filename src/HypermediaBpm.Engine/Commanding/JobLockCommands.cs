using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Telemetry;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The worker protocol's locks: workers lock jobs of a topic for a while (long polling when asked) and extend their
/// locks. Locks are leases in the store, so workers of any number of server processes share the jobs; commits that make
/// jobs lockable wake this process's waiting lock requests (<see cref="ICommandFollowUps.Announce"/>).
/// </summary>
internal sealed class JobLockCommands(IJobStore jobs, IInstanceStore instances, JobLockLimits limits, TimeProvider clock, CommitMetrics? metrics)
{
    private readonly JobWaiters _jobWaiters = new();

    /// <summary>
    /// Locks up to <see cref="JobLockRequest.MaxJobs"/> jobs of the topic for the worker. With an
    /// <see cref="JobLockRequest.AsyncResponseTimeout"/> it waits until jobs appear or the time is up (then the batch is
    /// empty): a job created by this process wakes it at once; jobs of other processes, jobs whose back-off or lock ran
    /// out are found by polling the store, at intervals that double from <see cref="JobLockLimits.MinPollInterval"/>.
    /// </summary>
    public async Task<IReadOnlyList<LockedJob>> LockAsync(JobLockRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        using var deadline = request.AsyncResponseTimeout > TimeSpan.Zero ? new CancellationTokenSource(request.AsyncResponseTimeout, clock) : null;
        var poll = limits.MinPollInterval;
        while (true)
        {
            var woken = _jobWaiters.WhenJobsAsync(request.Topic);
            var now = clock.GetUtcNow();
            var locked = await jobs.LockJobsAsync(request.Topic, request.WorkerId, now, now + request.LockDuration, request.MaxJobs, cancellationToken).ConfigureAwait(false);
            if (locked.Count > 0 || deadline is null || deadline.IsCancellationRequested)
            {
                metrics?.JobsLocked(locked, now);
                return await WithVariablesAsync(locked, cancellationToken).ConfigureAwait(false);
            }

            using (var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            {
                await Task.WhenAny(Task.Delay(poll, clock, sleep.Token), woken).ConfigureAwait(false);
                await sleep.CancelAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            poll = poll * 2 < limits.MaxPollInterval ? poll * 2 : limits.MaxPollInterval;
        }
    }

    /// <summary>The worker needs longer: its lock now runs until <paramref name="lockDuration"/> from now.</summary>
    public async Task<JobRecord> ExtendAsync(string jobId, string workerId, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        ValidateLockDuration(lockDuration);
        var now = clock.GetUtcNow();
        if (await jobs.ExtendJobLockAsync(jobId, workerId, now, now + lockDuration, cancellationToken).ConfigureAwait(false) is { } extended)
        {
            return extended;
        }

        var job = await jobs.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobRules.NotFound(jobId);
        JobRules.EnsureHeldBy(job, workerId, now);
        throw new InvalidStateException("JOB_LOCK_LOST", $"Worker '{workerId}' no longer holds job '{jobId}'.", new Dictionary<string, object?> { ["job"] = jobId });
    }

    /// <summary>Each locked job with the variables its task sees (its scopes' over the process's).</summary>
    private async Task<IReadOnlyList<LockedJob>> WithVariablesAsync(IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken)
    {
        var result = new List<LockedJob>(jobs.Count);
        foreach (var job in jobs)
        {
            var stored = await instances.GetInstanceAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue; // deleted with its process since the lock: there is nothing to work on
            }

            var instance = InstanceStateSerializer.Deserialize(stored);
            var variables = new InstanceVariables(instance) { Current = instance.Tokens.Find(t => t.Id == job.TokenId) }.Visible();
            result.Add(new LockedJob(job, new Dictionary<string, object?>(variables, StringComparer.Ordinal)));
        }

        return result;
    }

    private void Validate(JobLockRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Topic))
        {
            throw JobRules.Invalid("topic", "A lock needs the topic whose jobs the worker does.");
        }

        if (string.IsNullOrWhiteSpace(request.WorkerId))
        {
            throw JobRules.Invalid("workerId", "A lock needs the worker's id: only that worker may then report on the jobs.");
        }

        if (request.MaxJobs < 1 || request.MaxJobs > limits.MaxJobsPerLock)
        {
            throw JobRules.Invalid("maxJobs", $"'maxJobs' must be between 1 and {limits.MaxJobsPerLock}.");
        }

        ValidateLockDuration(request.LockDuration);
        if (request.AsyncResponseTimeout < TimeSpan.Zero || request.AsyncResponseTimeout > limits.MaxAsyncResponseTimeout)
        {
            throw JobRules.Invalid("asyncResponseTimeout", $"'asyncResponseTimeout' must be between 0 and {limits.MaxAsyncResponseTimeout.TotalMilliseconds:0} ms.");
        }
    }

    private void ValidateLockDuration(TimeSpan lockDuration)
    {
        if (lockDuration <= TimeSpan.Zero || lockDuration > limits.MaxLockDuration)
        {
            throw JobRules.Invalid("lockDuration", $"'lockDuration' must be positive and at most {limits.MaxLockDuration}.");
        }
    }

    /// <summary>Wakes this process's lock requests waiting for the topics of jobs the commit made lockable.</summary>
    public void Announce(ChangeSet changes)
    {
        foreach (var job in changes.Jobs)
        {
            _jobWaiters.Announce(job.Topic);
        }

        if (changes.ResetJobs.Count > 0)
        {
            _jobWaiters.AnnounceAll();
        }
    }

    /// <summary>
    /// Wakes this process's lock requests waiting for <paramref name="topic"/> (all of them when it is empty): jobs were
    /// made lockable by another process on the same database, which a store that hears of it (PostgreSQL's
    /// LISTEN/NOTIFY) passes on, so long-polling workers on every node are woken, not only those of the writing node.
    /// </summary>
    public void Announce(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0)
        {
            _jobWaiters.AnnounceAll();
        }
        else
        {
            _jobWaiters.Announce(topic);
        }
    }
}
