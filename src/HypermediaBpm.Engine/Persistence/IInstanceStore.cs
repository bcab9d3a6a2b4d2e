namespace HypermediaBpm.Engine.Persistence;

/// <summary>Reading instances and their tasks (they are written only through <see cref="ICommitStore.CommitAsync"/>). Part of <see cref="IEngineStore"/>.</summary>
public interface IInstanceStore
{
    Task<StoredInstance?> GetInstanceAsync(string id, CancellationToken cancellationToken);

    Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>How many instances each process has in each state (counts of zero may be left out).</summary>
    Task<IReadOnlyList<InstanceCount>> QueryInstanceCountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per element of one process, what waits there, what failed there and how long it took, from the history (see
    /// <see cref="ActivityStatistics"/>); elements with nothing to count are left out.
    /// </summary>
    Task<IReadOnlyList<ActivityStatistics>> QueryActivityStatisticsAsync(ActivityStatisticsQuery query, CancellationToken cancellationToken);

    Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken);

    Task<Page<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A task with its instance in one trip to the store (completing a task needs both); null when the task does
    /// not exist. The default reads them one after the other; the stores override it with one read.
    /// </summary>
    async Task<TaskWithInstance?> GetTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken) =>
        await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task
            ? new TaskWithInstance(task, await GetInstanceAsync(task.InstanceId, cancellationToken).ConfigureAwait(false))
            : null;

    /// <summary>
    /// The home resource's counts in one read: processes deployed, and the running instances and open tasks that
    /// <paramref name="viewer"/> may see (null: everyone's), each equal to the <see cref="Page{T}.Total"/> of the
    /// matching latest-definitions, instance and task query.
    /// </summary>
    Task<HomeCounts> QueryHomeCountsAsync(Viewer? viewer, CancellationToken cancellationToken);
}
