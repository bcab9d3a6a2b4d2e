using System.Globalization;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using static HypermediaBpm.Storage.Postgres.Reading.RowMappers;
using HypermediaBpm.Storage.Sorting;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    private const string InstanceByIdSql = $"SELECT {InstanceColumns}, state_json FROM instances WHERE id = @p;";
    private const string TaskByIdSql = $"SELECT {TaskColumns} FROM tasks t WHERE t.id = @p;";
    private const string TaskWithInstanceSql =
        $"SELECT {TaskColumns}, {InstanceColumnsOfI}, i.state_json FROM tasks t LEFT JOIN instances i ON i.id = t.instance_id WHERE t.id = @p;";
    private const string HistoryTotalSql = "SELECT SUM(n)::bigint FROM store_counters WHERE name = 'history' OR name LIKE 'history@%';";
    private const string IdempotencyByKeySql = $"SELECT {IdempotencyColumns} FROM idempotency WHERE key = @p;";

    /// <inheritdoc />
    public Task<StoredInstance?> GetInstanceAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(InstanceByIdSql, id, static r => new StoredInstance(Instance(r), r.GetString(13))), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Newest first by id (time-ordered ids), page key = id. Totals for no filter, state and process come from the
    /// trigger-kept <c>instance_counts</c>; other filters count over their index, a viewer's instances over the rows they see.
    /// </remarks>
    public Task<Page<InstanceSummary>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sorted = SortColumns.Instances(query.Sort);
        var keyset = new KeysetQuery<InstanceSummary>
        {
            Columns = InstanceColumns,
            From = "instances",
            KeyColumn = "id",
            Descending = query.Sort?.Descending ?? true,
            Map = Instance,
            KeyOf = sorted.KeyOf,
            SortExpression = sorted.Expression,
            ParseSort = sorted.Parse,
        }
            .Where("state = @state", "state", query.State)
            .Where("process_key = @process", "process", query.ProcessKey)
            .Where("business_key = @business", "business", query.BusinessKey)
            .Where("parent_instance_id = @parent", "parent", query.ParentInstanceId)
            .Where("id = @id", "id", query.Id)
            .Instances(query.VisibleTo);
        var counted = query.BusinessKey is null && query.ParentInstanceId is null && query.VisibleTo is null && query.Id is null;
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, query.Page, t => counted
            ? CounterTotalAsync(t, "instance_counts", query.State, query.ProcessKey)
            : KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(TaskByIdSql, id, RowMappers.Task), cancellationToken);

    /// <inheritdoc />
    /// <remarks>One statement, one round trip: the task's row with its instance's columns beside it.</remarks>
    public Task<TaskWithInstance?> GetTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(TaskWithInstanceSql, taskId, static r => new TaskWithInstance(
            RowMappers.Task(r),
            r.IsDBNull(TaskColumnCount) ? null : new StoredInstance(InstanceAt(r, TaskColumnCount), r.GetString(TaskColumnCount + 13)))), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Newest first by id, page key = id. A candidate group filter walks the <c>task_candidate_groups</c> index in task id
    /// order. Totals for no filter, state and process come from <c>task_counts</c>; the other filters count over their index.
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
            Map = RowMappers.Task,
            KeyOf = sorted.KeyOf,
            SortExpression = sorted.Expression,
            ParseSort = sorted.Parse,
        }
            .Where("g.group_name = @group", "group", query.CandidateGroup)
            .Where("t.state = @state", "state", query.State)
            .Where("t.assignee = @assignee", "assignee", query.Assignee)
            .Where("t.process_key = @process", "process", query.ProcessKey)
            .Where("t.instance_id = @instance", "instance", query.InstanceId)
            .Where(SortColumns.DueExpression + " <= @dueBefore", "dueBefore", query.DueBefore?.UtcTicks)
            .Tasks(query.VisibleTo);
        var counted = query.Assignee is null && query.CandidateGroup is null && query.InstanceId is null && query.VisibleTo is null && query.DueBefore is null;
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, query.Page, t => counted
            ? CounterTotalAsync(t, "task_counts", query.State, query.ProcessKey)
            : KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Page key = the sequence number. One instance: oldest first, counted over (instance_id, seq). All: newest first, total from a counter.</remarks>
    public Task<Page<HistoryEvent>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keyset = new KeysetQuery<HistoryEvent>
        {
            Columns = HistoryColumns,
            From = "history",
            KeyColumn = "seq",
            Descending = query.InstanceId is null,
            Map = History,
            KeyOf = SequenceKey,
            ParseKey = ParseSequence,
        }.Where("instance_id = @instance", "instance", query.InstanceId);
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, query.Page, t => query.InstanceId is null
            ? t.ScalarAsync(HistoryTotalSql)
            : KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string key, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(IdempotencyByKeySql, key, Idempotency), cancellationToken);

    /// <summary>Sums the (process, state) counters matching the filter: a handful of rows, not the big table.</summary>
    private static Task<long> CounterTotalAsync(ReadSession session, string table, string? state, string? processKey)
    {
        var where = (state, processKey) switch
        {
            (null, null) => string.Empty,
            (_, null) => " WHERE state = @state",
            (null, _) => " WHERE process_key = @process",
            _ => " WHERE process_key = @process AND state = @state",
        };
        var parameters = new List<Npgsql.NpgsqlParameter>();
        if (state is not null)
        {
            parameters.Add(Param.Text(state).Named("state"));
        }

        if (processKey is not null)
        {
            parameters.Add(Param.Text(processKey).Named("process"));
        }

        return session.ScalarAsync($"SELECT SUM(n)::bigint FROM {table}{where};", [.. parameters]);
    }

    private static object ParseSequence(string key)
    {
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return sequence;
        }

        var message = $"'{key}' is not a history page key (a sequence number).";
        throw new ValidationException("INVALID_PAGE_KEY", message, [new ValidationError("INVALID_PAGE_KEY", message, "page")]);
    }
}
