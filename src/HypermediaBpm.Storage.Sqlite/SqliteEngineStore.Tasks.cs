using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using static HypermediaBpm.Storage.Sqlite.Reading.RowMappers;
using HypermediaBpm.Storage.Sorting;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string TaskByIdSql = $"SELECT {TaskColumns} FROM tasks t WHERE t.id = $id;";

    /// <inheritdoc />
    public Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(TaskByIdSql, "$id", id, Task), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Both statements on one pooled connection: one wait for a connection instead of two.</remarks>
    public Task<TaskWithInstance?> GetTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken) =>
        Reads.ReadAsync(
            c => c.Single(TaskByIdSql, "$id", taskId, Task) is { } task
                ? new TaskWithInstance(task, c.Single(InstanceByIdSql, "$id", task.InstanceId, static r => new StoredInstance(Instance(r), r.GetString(13))))
                : null,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Newest first by id (time-ordered ids), page key = id; with a sort, by the sort's indexed expression then id,
    /// page key = both (<see cref="SortColumns"/>). A candidate group filter walks the
    /// <c>task_candidate_groups</c> index in task id order. Totals for no filter, state and process come from
    /// <c>task_counts</c>; assignee, group and instance filters count over their index. A viewer's tasks are counted
    /// over the rows they see (<see cref="Visibility"/>).
    /// </remarks>
    public Task<Page<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var byGroup = query.CandidateGroup is not null;
        var sorted = SortColumns.Tasks(query.Sort);
        var keyset = new KeysetQuery<TaskRecord>
        {
            Columns = TaskColumns,
            From = byGroup ? "task_candidate_groups g JOIN tasks t ON t.id = g.task_id" : "tasks t",
            KeyColumn = byGroup ? "g.task_id" : "t.id",
            Descending = query.Sort?.Descending ?? true,
            Map = Task,
            KeyOf = sorted.KeyOf,
            SortExpression = sorted.Expression,
            ParseSort = sorted.Parse,
        }
            .Where("g.group_name = $group", "$group", query.CandidateGroup)
            .Where("t.state = $state", "$state", query.State)
            .Where("t.assignee = $assignee", "$assignee", query.Assignee)
            .Where("t.process_key = $process", "$process", query.ProcessKey)
            .Where("t.instance_id = $instance", "$instance", query.InstanceId)
            .Where(SortColumns.DueExpression + " <= $dueBefore", "$dueBefore", query.DueBefore?.UtcTicks)
            .Tasks(query.VisibleTo);
        var counted = query.Assignee is null && query.CandidateGroup is null && query.InstanceId is null && query.VisibleTo is null && query.DueBefore is null;

        return Reads.ReadAsync(
            c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, query.Page, t => counted
                ? CounterTotal(t, "task_counts", query.State, query.ProcessKey)
                : KeysetPager.Count(t, keyset))),
            cancellationToken);
    }
}
