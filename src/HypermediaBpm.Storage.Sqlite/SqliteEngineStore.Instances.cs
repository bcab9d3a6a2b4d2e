using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using static HypermediaBpm.Storage.Sqlite.Reading.RowMappers;
using HypermediaBpm.Storage.Sorting;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string InstanceByIdSql = $"SELECT {InstanceColumns}, state_json FROM instances WHERE id = $id;";

    /// <inheritdoc />
    public Task<StoredInstance?> GetInstanceAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(InstanceByIdSql, "$id", id, static r => new StoredInstance(Instance(r), r.GetString(13))), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Newest first by id (time-ordered ids), page key = id. Totals for no filter, state and process come from
    /// the trigger-kept <c>instance_counts</c>; a business key or parent filter counts over its index, a viewer's
    /// instances over the rows they see (<see cref="Visibility"/>).
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
            .Where("state = $state", "$state", query.State)
            .Where("process_key = $process", "$process", query.ProcessKey)
            .Where("business_key = $business", "$business", query.BusinessKey)
            .Where("parent_instance_id = $parent", "$parent", query.ParentInstanceId)
            .Where("id = $id", "$id", query.Id)
            .Instances(query.VisibleTo);

        return Reads.ReadAsync(
            c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, query.Page, t => query.BusinessKey is null && query.ParentInstanceId is null && query.VisibleTo is null && query.Id is null
                ? CounterTotal(t, "instance_counts", query.State, query.ProcessKey)
                : KeysetPager.Count(t, keyset))),
            cancellationToken);
    }

    /// <summary>Sums the (process, state) counters matching the filter: a handful of rows, not the big table.</summary>
    private static long CounterTotal(ReadConnection connection, string table, string? state, string? processKey)
    {
        var where = (state, processKey) switch
        {
            (null, null) => string.Empty,
            (_, null) => " WHERE state = $state",
            (null, _) => " WHERE process_key = $process",
            _ => " WHERE process_key = $process AND state = $state",
        };
        var command = connection.Command($"SELECT SUM(n) FROM {table}{where};");
        if (state is not null)
        {
            command.Parameters.AddWithValue("$state", state);
        }

        if (processKey is not null)
        {
            command.Parameters.AddWithValue("$process", processKey);
        }

        return command.ExecuteScalar() is long n ? n : 0;
    }
}
