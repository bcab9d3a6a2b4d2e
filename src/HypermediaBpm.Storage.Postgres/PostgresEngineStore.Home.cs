using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    /// <summary>
    /// Everyone's counts: one statement (one snapshot under READ COMMITTED, no transaction around it) over the distinct
    /// definition keys and the striped counter rows, the same sources the three list totals use.
    /// </summary>
    private const string HomeCountsSql = """
        SELECT (SELECT COUNT(DISTINCT key) FROM definitions),
               (SELECT COALESCE(SUM(n), 0)::bigint FROM instance_counts WHERE state = @running),
               (SELECT COALESCE(SUM(n), 0)::bigint FROM task_counts WHERE state = @open);
        """;

    /// <summary>A viewer's counts: the instances and tasks they may see, counted by the conditions their lists use.</summary>
    private static readonly string ViewerHomeCountsSql =
        "SELECT (SELECT COUNT(DISTINCT key) FROM definitions)," +
        " (SELECT COUNT(*) FROM instances WHERE state = @running AND " + Visibility.InstanceCondition("instances") + ")," +
        " (SELECT COUNT(*) FROM tasks t WHERE t.state = @open AND " + Visibility.TaskConditionOf("t") + ");";

    /// <inheritdoc />
    public Task<HomeCounts> QueryHomeCountsAsync(Viewer? viewer, CancellationToken cancellationToken) =>
        ReadAsync(async s =>
        {
            var parameters = new List<NpgsqlParameter> { Param.Text(InstanceStates.Running).Named("running"), Param.Text(TaskStates.Open).Named("open") };
            if (viewer is not null)
            {
                parameters.AddRange(Visibility.Parameters(viewer).Select(p => Param.Of(p.Value).Named(p.Name)));
            }

            await using var command = s.Command(viewer is null ? HomeCountsSql : ViewerHomeCountsSql, parameters);
            await using var reader = await command.ExecuteReaderAsync(s.CancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(s.CancellationToken).ConfigureAwait(false);
            return new HomeCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }, cancellationToken);
}
