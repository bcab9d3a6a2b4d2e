using HypermediaBpm.Engine.Commanding;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    private readonly JobWaiters _jobWaiters = new();

    /// <summary>Open jobs of a topic (all topics when null), oldest first.</summary>
    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string? topic, int limit, CancellationToken cancellationToken) =>
        _store.QueryJobsAsync(topic, limit, cancellationToken);

    public async Task<JobRecord> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);

    /// <summary>
    /// Completes a job with the worker's variables: its token moves on (through the task's output mappings,
    /// if any) and the job is removed in the same commit. Of two completions of one job, one wins; the other
    /// gets <c>JOB_NOT_FOUND</c>. This is the embedding application's completion, with no lock to check; workers
    /// complete with <see cref="CompleteJobAsync(string, string, IReadOnlyDictionary{string, object?}, CommandContext, CancellationToken)"/>.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(string jobId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        CompleteJobCoreAsync(jobId, null, variables, null, context, cancellationToken);

    /// <summary>
    /// A worker completes a job it holds: as above, and only while <paramref name="workerId"/>'s lock holds. The lock is
    /// checked again by the commit (the job's row must still be locked by this worker), so a worker whose lock ran out
    /// and whose job another worker locked writes nothing and gets <c>JOB_LOCK_LOST</c>.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(
        string jobId, string workerId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        CompleteJobCoreAsync(jobId, workerId, variables, null, context, cancellationToken);

    private Task<CommandOutcome> CompleteJobCoreAsync(
        string jobId, string? workerId, IReadOnlyDictionary<string, object?> variables, ParticipantLink? enlist, CommandContext context,
        CancellationToken cancellationToken) =>
        RetryOnConflictAsync(context, async () =>
        {
            CheckRequestVariables(variables);
            var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);
            var now = Now;
            if (workerId is not null)
            {
                EnsureHeldBy(job, workerId, now);
            }

            var (instance, process) = await LoadAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            CheckPrecondition(context, instance.Id, instance.Revision);
            if (instance.IsEnded && await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) is null)
            {
                // Another completion of this job ended the instance between our two reads.
                throw JobNotFound(jobId);
            }

            instance.EnsureActive();
            var token = instance.GetToken(job.TokenId);
            var node = process.Node(job.ActivityId);
            var session = _pipeline.NewSession(context, now);
            var execution = session.Add(NewExecution(instance, process, now, context.User));
            if (enlist is not null && execution.EnlistedAround(token) >= _options.MaxTransactionParticipants)
            {
                // One participant too many: the job fails for good (a retry would only reserve another one).
                var message = $"The answer of '{node.DisplayName}' would enlist participant {_options.MaxTransactionParticipants + 1} of its transaction; "
                    + $"a transaction may have at most {_options.MaxTransactionParticipants} (Tcc:MaxParticipantLinks). The participant was not enlisted and expires on its own.";
                execution.FailJob(token, node, job.Id, message, IncidentCodes.TooManyParticipants);
                var failed = await CommitAsync(session, [], context, job.Id, 200, cancellationToken, WorkedBy(job, workerId, now, new JobFailure(0, null, message)))
                    .ConfigureAwait(false);
                return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = failed };
            }

            execution.Record(HistoryTypes.JobCompleted, node, token, null, $"{{\"job\":\"{job.Id}\"}}");
            execution.RemoveJob(token, completed: true);
            if (enlist is not null)
            {
                // Before the task moves on: if that completes the transaction, this participant is confirmed with the others.
                execution.Enlist(token, node, enlist.Uri.AbsoluteUri, enlist.Expires);
            }

            execution.Trigger(token, Normalize(variables));
            var written = await CommitAsync(session, [], context, job.Id, 200, cancellationToken, WorkedBy(job, workerId, now)).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });

    /// <summary>The change set's lock guard for a worker's report (none for the embedding application's own completion).</summary>
    private static Action<ChangeSet>? WorkedBy(JobRecord job, string? workerId, DateTimeOffset now, JobFailure? failure = null) =>
        workerId is null ? null : changes => changes.WorkedJob = new WorkedJob(job.Id, workerId, now) { Failure = failure };

    /// <summary>Throws unless <paramref name="workerId"/> holds <paramref name="job"/> at <paramref name="now"/>.</summary>
    private static void EnsureHeldBy(JobRecord job, string workerId, DateTimeOffset now)
    {
        var context = new Dictionary<string, object?>
        {
            ["job"] = job.Id, ["workerId"] = workerId, ["lockOwner"] = job.LockOwner, ["lockExpiresAt"] = job.LockExpiresAt,
        };
        if (job.LockOwner is null)
        {
            throw new InvalidStateException("JOB_NOT_LOCKED", $"Job '{job.Id}' is not locked; a worker locks it (the 'lock' template of its topic) before it reports on it.", context);
        }

        if (job.LockOwner != workerId || job.LockExpiresAt <= now)
        {
            var why = job.LockOwner != workerId ? $"it is locked by '{job.LockOwner}'" : "the lock ran out";
            throw new InvalidStateException("JOB_LOCK_LOST", $"Worker '{workerId}' no longer holds job '{job.Id}': {why}.", context);
        }
    }

    /// <summary>Wakes this process's lock requests waiting for the topics of jobs the commit made lockable.</summary>
    private void AnnounceJobs(ChangeSet changes)
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

    private static NotFoundException JobNotFound(string id) =>
        new("JOB_NOT_FOUND", $"Job '{id}' does not exist (completed, withdrawn or never created).", new Dictionary<string, object?> { ["job"] = id });
}
