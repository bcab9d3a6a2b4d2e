using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// <c>transaction</c> subprocesses, the coordinator side: the coordinator reports the outcome of the jobs the
/// transactions leave (<see cref="TransactionJobs"/>). Enlisting a participant rides on a worker's completion (<see cref="JobCommands"/>).
/// </summary>
internal sealed class TransactionCommands(CommandPipeline pipeline, IJobStore jobs)
{
    /// <summary>The work of a coordinator job: confirm or cancel which participants.</summary>
    public static TransactionJobs.Work WorkOf(JobRecord job) =>
        TransactionJobs.Read(job) ?? throw new InvalidStateException("NOT_A_TRANSACTION_JOB",
            $"Job '{job.Id}' is not a try-confirm/cancel job (topic '{TransactionJobs.Topic}').", new Dictionary<string, object?> { ["job"] = job.Id });

    /// <summary>
    /// The coordinator reports the outcome of a job it holds. A confirm's transaction moves on by it (see
    /// <see cref="ProcessExecution.FinishConfirm"/>); a cancel's outcome is recorded in the instance's history, even when
    /// the instance has ended. The outcome is applied to a suspended instance too: the participants already acted on it.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(
        string jobId, string workerId, TransactionRecord outcome, CommandContext context, CancellationToken cancellationToken) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            var job = await jobs.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobRules.NotFound(jobId);
            var now = pipeline.Now;
            JobRules.EnsureHeldBy(job, workerId, now);
            var work = WorkOf(job);
            var (instance, process) = await pipeline.LoadAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            var session = pipeline.NewSession(context, now);
            var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
            if (work.Operation == TransactionJobs.Confirm)
            {
                execution.FinishConfirm(instance.GetToken(job.TokenId), outcome);
            }
            else
            {
                execution.FinishCancel(job, outcome);
            }

            var written = await pipeline.CommitAsync(session, [], context, job.Id, 200, cancellationToken, JobRules.WorkedBy(job, workerId, now)).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });
}
