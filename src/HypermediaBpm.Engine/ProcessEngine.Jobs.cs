using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>Open jobs of a topic (all topics when null), oldest first.</summary>
    public Task<IReadOnlyList<JobRecord>> GetJobsAsync(string? topic, int limit, CancellationToken cancellationToken) =>
        _store.QueryJobsAsync(topic, limit, cancellationToken);

    public async Task<JobRecord> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);

    /// <summary>
    /// Completes a job with the worker's variables: its token moves on (through the task's output mappings,
    /// if any) and the job is removed in the same commit. Of two completions of one job, one wins; the other
    /// gets <c>JOB_NOT_FOUND</c>.
    /// </summary>
    public Task<CommandOutcome> CompleteJobAsync(string jobId, IReadOnlyDictionary<string, object?> variables, CommandContext context, CancellationToken cancellationToken) =>
        RetryOnConflictAsync(context, async () =>
        {
            var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false) ?? throw JobNotFound(jobId);
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
            var session = new CommandSession(this, context, Now);
            var execution = session.Add(new ProcessExecution(instance, process, _behaviors, Now, context.User));
            execution.Record(HistoryTypes.JobCompleted, node, token, null, $"{{\"job\":\"{job.Id}\"}}");
            execution.RemoveJob(token, completed: true);
            execution.Trigger(token, Normalize(variables));
            var written = await CommitAsync(session, [], context, job.Id, 200, cancellationToken).ConfigureAwait(false);
            return new CommandOutcome(job.Id, instance.Id) { Instance = instance, Tasks = written };
        });

    private static NotFoundException JobNotFound(string id) =>
        new("JOB_NOT_FOUND", $"Job '{id}' does not exist (completed, withdrawn or never created).", new Dictionary<string, object?> { ["job"] = id });
}
