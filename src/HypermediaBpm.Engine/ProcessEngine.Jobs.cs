using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>
/// The worker protocol's public face: workers lock jobs of a topic for a while, then complete them, fail them (retried
/// after a back-off, an incident when no retries are left) or throw a BPMN error from them; the coordinator reports the
/// outcome of transaction jobs. The commands themselves are <see cref="Commanding.JobCommands"/>,
/// <see cref="Commanding.JobLockCommands"/> and <see cref="Commanding.TransactionCommands"/>.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>Open jobs of a topic (all topics when null), oldest first.</summary>
    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string? topic, int limit, CancellationToken cancellationToken) =>
        _jobs.GetAllAsync(topic, limit, cancellationToken);

    public Task<JobRecord> GetJobAsync(string jobId, CancellationToken cancellationToken) => _jobs.GetAsync(jobId, cancellationToken);

    /// <summary>
    /// Completes a job with the worker's variables: its token moves on (through the task's output mappings,
    /// if any) and the job is removed in the same commit. Of two completions of one job, one wins; the other
    /// gets <c>JOB_NOT_FOUND</c>. This is the embedding application's completion, with no lock to check; workers
    /// complete with <see cref="CompleteJobAsync(string, string, IReadOnlyDictionary{string, object?}, CommandContext, CancellationToken)"/>.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(string jobId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        _jobs.CompleteAsync(jobId, null, variables, null, context, cancellationToken);

    /// <summary>
    /// A worker completes a job it holds: as above, and only while <paramref name="workerId"/>'s lock holds. The lock is
    /// checked again by the commit (the job's row must still be locked by this worker), so a worker whose lock ran out
    /// and whose job another worker locked writes nothing and gets <c>JOB_LOCK_LOST</c>.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(
        string jobId, string workerId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        _jobs.CompleteAsync(jobId, workerId, variables, null, context, cancellationToken);

    /// <summary>
    /// A worker completes a job it holds, and its answer may have carried a participant link: the participant is enlisted in
    /// the nearest <c>transaction</c> around the task (outside any, the link is ignored), then the job completes as
    /// <see cref="CompleteJobAsync(string, string, IReadOnlyDictionary{string, object?}, CommandContext, CancellationToken)"/> does.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(
        string jobId, string workerId, IReadOnlyDictionary<string, object?> variables, ParticipantLink? participant, CommandContext context,
        CancellationToken cancellationToken) =>
        _jobs.CompleteAsync(jobId, workerId, variables, participant, context, cancellationToken);

    /// <summary>
    /// Locks up to <see cref="JobLockRequest.MaxJobs"/> jobs of the topic for the worker. With an
    /// <see cref="JobLockRequest.AsyncResponseTimeout"/> it waits until jobs appear or the time is up (then the batch is
    /// empty): a job created by this process wakes it at once; jobs of other processes, jobs whose back-off or lock ran
    /// out are found by polling the store, at intervals that double from <see cref="JobOptions.MinPollInterval"/>.
    /// </summary>
    public Task<IReadOnlyList<LockedJob>> LockJobsAsync(JobLockRequest request, CancellationToken cancellationToken) =>
        _jobLocks.LockAsync(request, cancellationToken);

    /// <summary>
    /// The worker failed the job. <paramref name="retries"/> says how many retries are left (null: one fewer than
    /// before). With retries left the job is released and can be locked again after <paramref name="retryTimeout"/>
    /// (null: the default back-off, doubling with each failure); with none, an incident <c>JOB_FAILED</c> opens at the
    /// task with the worker's message and the instance is <c>failed</c> until a person retries (the job gets a retry)
    /// or resolves it.
    /// </summary>
    public Task<CommandOutcome> FailJobAsync(
        string jobId, string workerId, string? errorMessage, int? retries, TimeSpan? retryTimeout, CommandContext context, CancellationToken cancellationToken) =>
        _jobs.FailAsync(jobId, workerId, errorMessage, retries, retryTimeout, Instances.IncidentCodes.JobFailed, context, cancellationToken);

    /// <summary>
    /// As above, with the code of the incident that opens when no retries are left: one of the codes whose incident keeps
    /// its job (<see cref="Instances.IncidentCodes.KeepsJob"/>), such as <c>OUTBOUND_REFUSED</c> for a call the server's
    /// policy refused, so that whoever works on incidents sees what kind of failure it is.
    /// </summary>
    public Task<CommandOutcome> FailJobAsync(
        string jobId, string workerId, string? errorMessage, int? retries, TimeSpan? retryTimeout, string incidentCode, CommandContext context,
        CancellationToken cancellationToken) =>
        _jobs.FailAsync(jobId, workerId, errorMessage, retries, retryTimeout, incidentCode, context, cancellationToken);

    /// <summary>
    /// The worker ends the job with a BPMN error: its variables are set and the error is thrown at the task, where an
    /// error boundary event or an event subprocess catches it (by <paramref name="errorCode"/>); uncaught, it is an
    /// incident on the task.
    /// </summary>
    public Task<CommandOutcome> ThrowJobErrorAsync(
        string jobId, string workerId, string errorCode, string? errorMessage, IReadOnlyDictionary<string, object?> variables, CommandContext context,
        CancellationToken cancellationToken) =>
        _jobs.ThrowErrorAsync(jobId, workerId, errorCode, errorMessage, variables, context, cancellationToken);

    /// <summary>The worker needs longer: its lock now runs until <paramref name="lockDuration"/> from now.</summary>
    public Task<JobRecord> ExtendJobLockAsync(string jobId, string workerId, TimeSpan lockDuration, CancellationToken cancellationToken) =>
        _jobLocks.ExtendAsync(jobId, workerId, lockDuration, cancellationToken);

    /// <summary>
    /// Wakes this process's lock requests waiting for <paramref name="topic"/> (all of them when it is empty): jobs were
    /// made lockable by another process on the same database, which a store that hears of it (PostgreSQL's
    /// LISTEN/NOTIFY) passes on, so long-polling workers on every node are woken, not only those of the writing node.
    /// </summary>
    public void AnnounceJobs(string topic) => _jobLocks.Announce(topic);

    /// <summary>The work of a coordinator job: confirm or cancel which participants.</summary>
    public static TransactionJobs.Work WorkOf(JobRecord job) => Commanding.TransactionCommands.WorkOf(job);

    /// <summary>
    /// The coordinator reports the outcome of a job it holds. A confirm's transaction moves on by it (see
    /// <see cref="ProcessExecution.FinishConfirm"/>); a cancel's outcome is recorded in the instance's history, even when
    /// the instance has ended. The outcome is applied to a suspended instance too: the participants already acted on it.
    /// </summary>
    public Task<CommandOutcome> CompleteTransactionJobAsync(
        string jobId, string workerId, TransactionRecord outcome, CommandContext context, CancellationToken cancellationToken) =>
        _transactions.CompleteJobAsync(jobId, workerId, outcome, context, cancellationToken);
}
