using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using static HypermediaBpm.Storage.Postgres.Reading.RowMappers;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore : IMemberFeedStore
{
    private static readonly string QualifiedInstanceColumns = string.Join(", ", InstanceColumns.Split(", ").Select(c => "i." + c));

    // Who started it: the user of its first event when that is the start (none when a timer or message did).
    private const string StartedBySql =
        "(SELECT CASE WHEN h.type = 'instance-started' THEN h.user_name END FROM history h WHERE h.instance_id = i.id ORDER BY h.seq LIMIT 1)";

    /// <inheritdoc />
    /// <remarks>Current rows come from <c>ix_instance_feed_position</c> (or <c>ix_instance_feed_process</c>) newest first; a viewer's filter is checked per row.</remarks>
    public Task<MemberFeedPage<StoredInstance>> QueryInstanceFeedAsync(MemberFeedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<(string Name, object Value)>();
        var filter = string.Empty;
        if (query.ProcessKey is { } process)
        {
            filter += " AND f.process_key = @process";
            parameters.Add(("process", process));
        }

        if (query.VisibleTo is { } viewer)
        {
            filter += " AND " + Visibility.InstanceCondition("i");
            parameters.AddRange(Visibility.Parameters(viewer));
        }

        string Branch(string superseded) =>
            $"SELECT {QualifiedInstanceColumns}, i.state_json, {StartedBySql} AS started_by, f.seq AS pos FROM instance_feed f" +
            $" JOIN instances i ON i.id = f.instance_id WHERE f.superseded_at {superseded}{filter}";

        return SnapshotAsync(s => MemberFeedReader.ReadAsync(s, query, Branch, parameters,
            static r => new FeedMember<StoredInstance>(r.GetInt64(15), new StoredInstance(Instance(r), r.GetString(13)), r.IsDBNull(14) ? null : r.GetString(14))),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>One participant's range of <c>task_feed_participants</c>, newest first, skipping positions superseded by then.</remarks>
    public Task<MemberFeedPage<TaskRecord>> QueryTaskFeedAsync(MemberFeedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(query.Participant);
        var parameters = new List<(string Name, object Value)> { ("participant", query.Participant) };
        var filter = string.Empty;
        if (query.VisibleTo is { } viewer)
        {
            filter = " AND " + Visibility.TaskConditionOf("t");
            parameters.AddRange(Visibility.Parameters(viewer));
        }

        string Branch(string superseded) =>
            $"SELECT {TaskColumns}, p.seq AS pos FROM task_feed_participants p JOIN task_feed f ON f.seq = p.seq JOIN tasks t ON t.id = f.task_id" +
            $" WHERE p.participant = @participant AND f.superseded_at {superseded}{filter}";

        return SnapshotAsync(s => MemberFeedReader.ReadAsync(s, query, Branch, parameters, static r => new FeedMember<TaskRecord>(r.GetInt64(r.FieldCount - 1), Task(r))),
            cancellationToken);
    }
}
