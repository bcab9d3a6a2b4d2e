namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Work for an external worker (a service, send or business rule task with a topic): the token
/// <see cref="TokenId"/> of <see cref="InstanceId"/> waits at <see cref="ActivityId"/> until the job is completed.
/// </summary>
/// <remarks>
/// The lock fields are the worker protocol's: a worker holds a job from <c>lock</c> until
/// <see cref="LockExpiresAt"/>, and only it may report on the job meanwhile. <see cref="LockOwner"/> stays
/// after the lock runs out (until someone else locks the job), so a late report can be told apart from a
/// report on a job nobody ever locked.
/// </remarks>
public sealed record JobRecord(
    string Id,
    string Topic,
    string InstanceId,
    string TokenId,
    string ActivityId,
    string DefinitionId,
    string ProcessKey,
    int Retries,
    DateTimeOffset CreatedAt)
{
    /// <summary>The worker that locked the job last; null when nobody has, or its failure released it.</summary>
    public string? LockOwner { get; init; }

    /// <summary>When the lock of <see cref="LockOwner"/> runs out; after that the job can be locked again.</summary>
    public DateTimeOffset? LockExpiresAt { get; init; }

    /// <summary>A failed job's back-off: nobody can lock it before this time.</summary>
    public DateTimeOffset? AvailableAt { get; init; }

    /// <summary>What the worker said when it last failed the job.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>How often workers failed this job; the default back-off doubles with each.</summary>
    public int Failures { get; init; }

    /// <summary>
    /// What the worker needs beyond the instance's variables, as JSON; null for a task's job. The engine's own jobs
    /// carry it: a try-confirm/cancel job holds the operation and the participant links (<see cref="Execution.TransactionJobs"/>).
    /// </summary>
    public string? Payload { get; init; }

    /// <summary>True while a worker holds the job.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockOwner is not null && LockExpiresAt > now;

    /// <summary>The job's state for clients (<see cref="JobStates"/>).</summary>
    public string StateAt(DateTimeOffset now) =>
        Retries <= 0 ? JobStates.Failed : IsLockedAt(now) ? JobStates.Locked : JobStates.Open;
}
