using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The job area: a job is completed (by the embedding application, or by the worker holding it, which may enlist a
/// try-confirm/cancel participant), failed (retried after a back-off, an incident when no retries are left) or ends
/// with a BPMN error. Every report goes through the command path, its commit guarded by the worker's lock.
/// </summary>
internal sealed class JobCommands(CommandPipeline pipeline, IJobStore jobs, int maxTransactionParticipants, Func<int, TimeSpan> backoffAfter)
{
    /// <summary>Open jobs of a topic (all topics when null), oldest first.</summary>
    public Task<IReadOnlyList<JobRecord>> GetAllAsync(string? topic, int limit, CancellationToken cancellationToken) =>
        jobs.QueryJobsAsync(topic, limit, cancellationToken);

    public async Task<JobRecord> GetAsync(string jobId, CancellationToken cancellationToken) =>
        await jobs.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobRules.NotFound(jobId);

    public Task<CommandOutcome> CompleteAsync(
        string jobId, string? workerId, IReadOnlyDictionary<string, object?> variables, ParticipantLink? enlist, CommandContext context,
        CancellationToken cancellationToken) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            pipeline.CheckRequestVariables(variables);
            var job = await jobs.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobRules.NotFound(jobId);
            var now = pipeline.Now;
            if (workerId is not null)
            {
                JobRules.EnsureHeldBy(job, workerId, now);
            }

            var (instance, process) = await pipeline.LoadAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            CommandPipeline.CheckPrecondition(context, instance.Id, instance.Revision);
            if (instance.IsEnded && await jobs.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) is null)
            {
                // Another completion of this job ended the instance between our two reads.
                throw JobRules.NotFound(jobId);
            }

            instance.EnsureActive();
            var token = instance.GetToken(job.TokenId);
            var node = process.Node(job.ActivityId);
            var session = pipeline.NewSession(context, now);
            var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
            if (enlist is not null && execution.EnlistedAround(token) >= maxTransactionParticipants)
            {
                // One participant too many: the job fails for good (a retry would only reserve another one).
                var message = $"The answer of '{node.DisplayName}' would enlist participant {maxTransactionParticipants + 1} of its transaction; "
                    + $"a transaction may have at most {maxTransactionParticipants} (Tcc:MaxParticipantLinks). The participant was not enlisted and expires on its own.";
                execution.FailJob(token, node, job.Id, message, IncidentCodes.TooManyParticipants);
                var failed = await pipeline.CommitAsync(session, [], context, job.Id, 200, cancellationToken, JobRules.WorkedBy(job, workerId, now, new JobFailure(0, null, message)))
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

            execution.Trigger(token, SubscriptionDelivery.Normalize(variables));
            var written = await pipeline.CommitAsync(session, [], context, job.Id, 200, cancellationToken, JobRules.WorkedBy(job, workerId, now)).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });

    /// <summary>
    /// As above, with the code of the incident that opens when no retries are left: one of the codes whose incident keeps
    /// its job (<see cref="Instances.IncidentCodes.KeepsJob"/>), such as <c>OUTBOUND_REFUSED</c> for a call the server's
    /// policy refused, so that whoever works on incidents sees what kind of failure it is.
    /// </summary>
    public Task<CommandOutcome> FailAsync(
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
            return new JobFailure(left, now + (retryTimeout ?? backoffAfter(job.Failures + 1)), message);
        });
    }

    /// <summary>
    /// The worker ends the job with a BPMN error: its variables are set and the error is thrown at the task, where an
    /// error boundary event or an event subprocess catches it (by <paramref name="errorCode"/>); uncaught, it is an
    /// incident on the task.
    /// </summary>
    public Task<CommandOutcome> ThrowErrorAsync(
        string jobId, string workerId, string errorCode, string? errorMessage, IReadOnlyDictionary<string, object?> variables, CommandContext context,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(errorCode))
        {
            throw JobRules.Invalid("errorCode", "A BPMN error needs its 'errorCode' (what error boundary events catch).");
        }

        pipeline.CheckRequestVariables(variables);
        return WorkerReportAsync(jobId, workerId, context, cancellationToken, (_, execution, node, token, _) =>
        {
            execution.ThrowErrorFromJob(token, node, new ThrownError(errorCode.Trim(), errorMessage), SubscriptionDelivery.Normalize(variables));
            return null;
        });
    }

    /// <summary>
    /// One worker report through the command path: the job must be held by the worker, the instance loaded and active;
    /// <paramref name="report"/> changes the run and says whether the job stays (a failure) or goes; the commit is
    /// guarded by the worker's lock.
    /// </summary>
    private Task<CommandOutcome> WorkerReportAsync(
        string jobId, string workerId, CommandContext context, CancellationToken cancellationToken,
        Func<JobRecord, ProcessExecution, Bpmn.Model.FlowNode, Instances.Token, DateTimeOffset, JobFailure?> report) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            var job = await jobs.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobRules.NotFound(jobId);
            var now = pipeline.Now;
            JobRules.EnsureHeldBy(job, workerId, now);
            var (instance, process) = await pipeline.LoadAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
            CommandPipeline.CheckPrecondition(context, instance.Id, instance.Revision);
            instance.EnsureActive();
            var token = instance.GetToken(job.TokenId);
            var node = process.Node(job.ActivityId);
            var session = pipeline.NewSession(context, now);
            var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
            var failure = report(job, execution, node, token, now);
            var written = await pipeline.CommitAsync(session, [], context, job.Id, 200, cancellationToken, JobRules.WorkedBy(job, workerId, now, failure)).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });
}
