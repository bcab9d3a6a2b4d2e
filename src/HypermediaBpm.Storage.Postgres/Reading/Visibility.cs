using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Storage.Postgres.Reading;

/// <summary>
/// The SQL that keeps a <see cref="Viewer"/>'s lists to what they may see, as keyset conditions, so the page, its
/// links and its total all agree. A task: the viewer is its assignee (indexed), a candidate user (the task's array)
/// or in a candidate group (the indexed <c>task_candidate_groups</c>). An instance: the viewer started it (its
/// <c>instance-started</c> history event, found through the per-instance history index) or it has such a task.
/// </summary>
internal static class Visibility
{
    private const string TaskCondition =
        "({0}.assignee = @viewer" +
        " OR @viewer = ANY({0}.candidate_users)" +
        " OR EXISTS (SELECT 1 FROM task_candidate_groups vg WHERE vg.task_id = {0}.id AND vg.group_name = ANY(@viewerGroups)))";

    /// <summary>Tasks the viewer may see; <paramref name="alias"/> is the tasks table's alias in the query.</summary>
    public static KeysetQuery<T> Tasks<T>(this KeysetQuery<T> query, Viewer? viewer, string alias = "t") =>
        viewer is null ? query : query.Where(string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskCondition, alias), Parameters(viewer));

    /// <summary>Instances the viewer may see; <paramref name="table"/> is how the instances table is named in the query.</summary>
    public static KeysetQuery<T> Instances<T>(this KeysetQuery<T> query, Viewer? viewer, string table = "instances") =>
        viewer is null ? query : query.Where(InstanceCondition(table), Parameters(viewer));

    /// <summary>The condition on instances alone (for queries that are not keyset pages), with <see cref="Parameters"/>.</summary>
    public static string InstanceCondition(string table) =>
        $"(EXISTS (SELECT 1 FROM history vh WHERE vh.instance_id = {table}.id AND vh.type = 'instance-started' AND vh.user_name = @viewer)" +
        $" OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.instance_id = {table}.id AND " + TaskConditionOf("vt") + "))";

    /// <summary>The condition on tasks alone (for queries that are not keyset pages), with <see cref="Parameters"/>.</summary>
    public static string TaskConditionOf(string alias) => string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskCondition, alias);

    /// <summary>The <c>@viewer</c> and <c>@viewerGroups</c> values of the conditions.</summary>
    public static (string Name, object Value)[] Parameters(Viewer viewer) =>
        [("viewer", viewer.User), ("viewerGroups", viewer.Groups.ToArray())];
}
