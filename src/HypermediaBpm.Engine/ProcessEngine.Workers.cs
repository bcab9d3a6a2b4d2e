using HypermediaBpm.Engine.Commanding;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>
/// The worker protocol: workers lock jobs of a topic for a while, then complete them, fail them (retried after a
/// back-off, an incident when no retries are left) or throw a BPMN error from them. Locks are leases in the store, so
/// workers of any number of server processes share the jobs; every report is checked against the lock again by the
/// commit that applies it.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// Locks up to <see cref="JobLockRequest.MaxJobs"/> jobs of the topic for the worker. With an
    /// <see cref="JobLockRequest.AsyncResponseTimeout"/> it waits until jobs appear or the time is up (then the batch is
    /// empty): a job created by this process wakes it at once; jobs of other processes, jobs whose back-off or lock ran
    /// out are found by polling the store, at intervals that double from <see cref="JobOptions.MinPollInterval"/>.
    /// </summary>
    public async Task<IReadOnlyList<LockedJob>> LockJobsAsync(JobLockRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var options = _options.Jobs;
        using var deadline = request.AsyncResponseTimeout > TimeSpan.Zero ? new CancellationTokenSource(request.AsyncResponseTimeout, _options.Clock) : null;
        var poll = options.MinPollInterval;
        while (true)
        {
            var woken = _jobWaiters.WhenJobsAsync(request.Topic);
            var now = Now;
            var locked = await _store.LockJobsAsync(request.Topic, request.WorkerId, now, now + request.LockDuration, request.MaxJobs, cancellationToken).ConfigureAwait(false);
            if (locked.Count > 0 || deadline is null || deadline.IsCancellationRequested)
            {
                _metrics?.JobsLocked(locked, now);
                return await WithVariablesAsync(locked, cancellationToken).ConfigureAwait(false);
            }

            using (var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            {
                await Task.WhenAny(Task.Delay(poll, _options.Clock, sleep.Token), woken).ConfigureAwait(false);
                await sleep.CancelAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            poll = poll * 2 < options.MaxPollInterval ? poll * 2 : options.MaxPollInterval;
        }
    }

    /// <summary>
    /// The worker failed the job. <paramref name="retries"/> says how many retries are left (null: one fewer than
    /// before). With retries left the job is released and can be locked again after <paramref name="retryTimeout"/>
    /// (null: the default back-off, doubling with each failure); with none, an incident <c>JOB_FAILED</c> opens at the
    /// task with the worker's message and the instance is <c>failed</c> until a person retries (the job gets a retry)
    /// or resolves it.
    /// </summary>
    public Task<CommandOutcome> FailJobAsync(
        string jobId, string workerId, string? errorMessage, int? retries, TimeSpan? retryTimeout, CommandContext context, CancellationToken cancellationToken) =>
        FailJobAsync(jobId, workerId, errorMessage, retries, retryTimeout, Instances.IncidentCodes.JobFailed, context, cancellationToken);

    /// <summary>
    /// As above, with the code of the incident that opens when no retries are left: one of the codes whose incident keeps
    /// its job (<see cref="Instances.IncidentCodes.KeepsJob"/>), such as <c>OUTBOUND_REFUSED</c> for a call the server's
    /// policy refused, so that whoever works on incidents sees what kind of failure it is.
    /// </summary>
    public Task<CommandOutcome> FailJobAsync(
        string jobId, string workerId, string? errorMessage, int? retries, TimeSpan? retryTimeout, string incidentCode, CommandContext context,
        CancellationToken cancellationToken)
    {
        if (!Instances.IncidentCodes.KeepsJob(incidentCode))
        {
            throw new ArgumentException($"'{incidentCode}' is not the code of a failed job's incident.", nameof(incidentCode));
        }

        return WorkerReportAsync(jobId, workerId, context, cancellationToken, (job, execution, node, token, now) =>
        {
            var left = Math.Max(0, retries ?? job.Retries - 1);
            var message = string.IsNullOrWhiteSpace(errorMessage) ? "The worker reported a failure." : errorMessage.Trim();
            if (left == 0)
            {
                execution.FailJob(token, node, job.Id, message, incidentCode);
                return new JobFailure(0, null, message);
            }

            execution.RecordJobFailed(node, token, job.Id, left, message);
            return new JobFailure(left, now + (retryTimeout ?? _options.Jobs.BackoffAfter(job.Failures + 1)), message);
        });
    }

    /// <summary>
    /// The worker ends the job with a BPMN error: its variables are set and the error is thrown at the task, where an
    /// error boundary event or an event subprocess catches it (by <paramref name="errorCode"/>); uncaught, it is an
    /// incident on the task.
    /// </summary>
    public Task<CommandOutcome> ThrowJobErrorAsync(
        string jobId, string workerId, string errorCode, string? errorMessage, IReadOnlyDictionary<string, object?> variables, CommandContext context,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(errorCode))
        {
            throw Invalid("errorCode", "A BPMN error needs its 'errorCode' (what error boundary events catch).");
        }

        CheckRequestVariables(variables);
        return WorkerReportAsync(jobId, workerId, context, cancellationToken, (_, execution, node, token, _) =>
        {
            execution.ThrowErrorFromJob(token, node, new ThrownError(errorCode.Trim(), errorMessage), Normalize(variables));
            return null;
        });
    }

    /// <summary>The worker needs longer: its lock now runs until <paramref name="lockDuration"/> from now.</summary>
    public async Task<JobRecord> ExtendJobLockAsync(string jobId, string workerId, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        ValidateLockDuration(lockDuration);
        var now = Now;
        if (await _store.ExtendJobLockAsync(jobId, workerId, now, now + lockDuration, cancellationToken).ConfigureAwait(false) is { } extended)
        {
            return extended;
        }

        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);
        EnsureHeldBy(job, workerId, now);
        throw new InvalidStateException("JOB_LOCK_LOST", $"Worker '{workerId}' no longer holds job '{jobId}'.", new Dictionary<string, object?> { ["job"] = jobId });
    }

    /// <summary>
    /// One worker report through the command path: the job must be held by the worker, the instance loaded and active;
    /// <paramref name="report"/> changes the run and says whether the job stays (a failure) or goes; the commit is
    /// guarded by the worker's lock.
    /// </summary>
    private Task<CommandOutcome> WorkerReportAsync(
        string jobId, string workerId, CommandContext context, CancellationToken cancellationToken,
        Func<JobRecord, ProcessExecution, Bpmn.Model.FlowNode, Instances.Token, DateTimeOffset, JobFailure?> report) =>
        RetryOnConflictAsync(context, async () =>
        {
            var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);
            var now = Now;
            EnsureHeldBy(job, workerId, now);
            var (instance, process) = await LoadAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            CheckPrecondition(context, instance.Id, instance.Revision);
            instance.EnsureActive();
            var token = instance.GetToken(job.TokenId);
            var node = process.Node(job.ActivityId);
            var session = _pipeline.NewSession(context, now);
            var execution = session.Add(NewExecution(instance, process, now, context.User));
            var failure = report(job, execution, node, token, now);
            var written = await CommitAsync(session, [], context, job.Id, 200, cancellationToken, WorkedBy(job, workerId, now, failure)).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });

    /// <summary>Each locked job with the variables its task sees (its scopes' over the process's).</summary>
    private async Task<IReadOnlyList<LockedJob>> WithVariablesAsync(IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken)
    {
        var result = new List<LockedJob>(jobs.Count);
        foreach (var job in jobs)
        {
            var stored = await _store.GetInstanceAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
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
            throw Invalid("topic", "A lock needs the topic whose jobs the worker does.");
        }

        if (string.IsNullOrWhiteSpace(request.WorkerId))
        {
            throw Invalid("workerId", "A lock needs the worker's id: only that worker may then report on the jobs.");
        }

        if (request.MaxJobs < 1 || request.MaxJobs > _options.Jobs.MaxJobsPerLock)
        {
            throw Invalid("maxJobs", $"'maxJobs' must be between 1 and {_options.Jobs.MaxJobsPerLock}.");
        }

        ValidateLockDuration(request.LockDuration);
        if (request.AsyncResponseTimeout < TimeSpan.Zero || request.AsyncResponseTimeout > _options.Jobs.MaxAsyncResponseTimeout)
        {
            throw Invalid("asyncResponseTimeout", $"'asyncResponseTimeout' must be between 0 and {_options.Jobs.MaxAsyncResponseTimeout.TotalMilliseconds:0} ms.");
        }
    }

    private void ValidateLockDuration(TimeSpan lockDuration)
    {
        if (lockDuration <= TimeSpan.Zero || lockDuration > _options.Jobs.MaxLockDuration)
        {
            throw Invalid("lockDuration", $"'lockDuration' must be positive and at most {_options.Jobs.MaxLockDuration}.");
        }
    }

    private static ValidationException Invalid(string field, string message) =>
        new("INVALID_INPUT", message, [new ValidationError("FIELD_INVALID", message, field)]);
}
