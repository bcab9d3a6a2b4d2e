using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    /// <summary>
    /// Everyone's counts: one statement (so one snapshot without a BEGIN/COMMIT around it) over the distinct
    /// definition keys and the trigger-kept counter rows, the same sources the three list totals use.
    /// </summary>
    private const string HomeCountsSql = """
        SELECT (SELECT COUNT(DISTINCT key) FROM definitions),
               (SELECT COALESCE(SUM(n), 0) FROM instance_counts WHERE state = $running),
               (SELECT COALESCE(SUM(n), 0) FROM task_counts WHERE state = $open);
        """;

    /// <summary>A viewer's counts: the instances and tasks they may see, counted by the conditions their lists use.</summary>
    private static readonly string ViewerHomeCountsSql =
        "SELECT (SELECT COUNT(DISTINCT key) FROM definitions)," +
        " (SELECT COUNT(*) FROM instances WHERE state = $running AND " + Visibility.InstanceFilter("instances") + ")," +
        " (SELECT COUNT(*) FROM tasks t WHERE t.state = $open AND " + Visibility.TaskFilter("t") + ");";

    /// <inheritdoc />
    public Task<HomeCounts> QueryHomeCountsAsync(Viewer? viewer, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c =>
        {
            var command = c.Command(viewer is null ? HomeCountsSql : ViewerHomeCountsSql);
            command.Parameters.AddWithValue("$running", InstanceStates.Running);
            command.Parameters.AddWithValue("$open", TaskStates.Open);
            if (viewer is not null)
            {
                foreach (var (name, value) in Visibility.Parameters(viewer))
                {
                    command.Parameters.AddWithValue(name, value);
                }
            }

            using var reader = command.ExecuteReader();
            reader.Read();
            return new HomeCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }, cancellationToken);
}
