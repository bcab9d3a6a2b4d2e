namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// What a worker reports on a job it holds, written by the change set only while it still holds the lock: the
/// job's row must be locked by <see cref="WorkerId"/> with the lock running past <see cref="Now"/>, else the whole
/// change set is a conflict (the lock ran out and another worker may have the job). Done (completed, or a BPMN
/// error thrown) deletes the job; a <see cref="Failure"/> keeps it with fewer retries.
/// </summary>
public sealed record WorkedJob(string JobId, string WorkerId, DateTimeOffset Now)
{
    /// <summary>Null: the job is done and deleted. Otherwise the job stays, unlocked, as the failure says.</summary>
    public JobFailure? Failure { get; init; }
}

/// <summary>
/// A failed job: <see cref="RetriesLeft"/> (0: an incident waits, nobody can lock it), lockable again from
/// <see cref="AvailableAt"/> (the back-off), with the worker's message.
/// </summary>
public sealed record JobFailure(int RetriesLeft, DateTimeOffset? AvailableAt, string? ErrorMessage);
