using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>The rules every report on a job follows, whichever area takes it (jobs, worker locks, transactions): who holds it, and how its commit is guarded.</summary>
internal static class JobRules
{
    /// <summary>The change set's lock guard for a worker's report (none for the embedding application's own completion).</summary>
    public static Action<ChangeSet>? WorkedBy(JobRecord job, string? workerId, DateTimeOffset now, JobFailure? failure = null) =>
        workerId is null ? null : changes => changes.WorkedJob = new WorkedJob(job.Id, workerId, now) { Failure = failure };

    /// <summary>Throws unless <paramref name="workerId"/> holds <paramref name="job"/> at <paramref name="now"/>.</summary>
    public static void EnsureHeldBy(JobRecord job, string workerId, DateTimeOffset now)
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

    public static NotFoundException NotFound(string id) =>
        new("JOB_NOT_FOUND", $"Job '{id}' does not exist (completed, withdrawn or never created).", new Dictionary<string, object?> { ["job"] = id });

    public static ValidationException Invalid(string field, string message) =>
        new("INVALID_INPUT", message, [new ValidationError("FIELD_INVALID", message, field)]);
}
