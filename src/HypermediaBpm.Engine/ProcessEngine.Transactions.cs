using HypermediaBpm.Engine.Commanding;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>
/// <c>transaction</c> subprocesses: a worker's completion can enlist a try-confirm/cancel participant, and the
/// coordinator reports the outcome of the jobs the transactions leave (<see cref="TransactionJobs"/>).
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>
    /// A worker completes a job it holds, and its answer may have carried a participant link: the participant is enlisted in
    /// the nearest <c>transaction</c> around the task (outside any, the link is ignored), then the job completes as
    /// <see cref="CompleteJobAsync(string, string, IReadOnlyDictionary{string, object?}, CommandContext, CancellationToken)"/> does.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(
        string jobId, string workerId, IReadOnlyDictionary<string, object?> variables, ParticipantLink? participant, CommandContext context,
        CancellationToken cancellationToken) =>
        CompleteJobCoreAsync(jobId, workerId, variables, participant, context, cancellationToken);

    /// <summary>The work of a coordinator job: confirm or cancel which participants.</summary>
    public static TransactionJobs.Work WorkOf(JobRecord job) =>
        TransactionJobs.Read(job) ?? throw new InvalidStateException("NOT_A_TRANSACTION_JOB",
            $"Job '{job.Id}' is not a try-confirm/cancel job (topic '{TransactionJobs.Topic}').", new Dictionary<string, object?> { ["job"] = job.Id });

    /// <summary>
    /// The coordinator reports the outcome of a job it holds. A confirm's transaction moves on by it (see
    /// <see cref="ProcessExecution.FinishConfirm"/>); a cancel's outcome is recorded in the instance's history, even when
    /// the instance has ended. The outcome is applied to a suspended instance too: the participants already acted on it.
    /// </summary>
    public Task<CommandOutcome> CompleteTransactionJobAsync(
        string jobId, string workerId, TransactionRecord outcome, CommandContext context, CancellationToken cancellationToken) =>
        RetryOnConflictAsync(context, async () =>
        {
            var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);
            var now = Now;
            EnsureHeldBy(job, workerId, now);
            var work = WorkOf(job);
            var (instance, process) = await LoadAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            var session = _pipeline.NewSession(context, now);
            var execution = session.Add(NewExecution(instance, process, now, context.User));
            if (work.Operation == TransactionJobs.Confirm)
            {
                execution.FinishConfirm(instance.GetToken(job.TokenId), outcome);
            }
            else
            {
                execution.FinishCancel(job, outcome);
            }

            var written = await CommitAsync(session, [], context, job.Id, 200, cancellationToken, WorkedBy(job, workerId, now)).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });
}
