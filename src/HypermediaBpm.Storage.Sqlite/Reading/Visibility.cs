using System.Text.Json;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Storage.Sqlite.Reading;

/// <summary>
/// The SQL that keeps a <see cref="Viewer"/>'s lists to what they may see, as keyset conditions, so the page, its
/// links and its total all agree. A task: the viewer is its assignee (indexed), a candidate user (the task's JSON
/// list) or in a candidate group (the indexed <c>task_candidate_groups</c>). An instance: the viewer started it
/// (its <c>instance-started</c> history event, found through the per-instance history index) or it has such a task
/// (through the per-instance task index).
/// </summary>
internal static class Visibility
{
    private const string TaskCondition =
        "({0}.assignee = $viewer" +
        " OR EXISTS (SELECT 1 FROM json_each({0}.candidate_users) WHERE value = $viewer)" +
        " OR EXISTS (SELECT 1 FROM task_candidate_groups vg WHERE vg.task_id = {0}.id AND vg.group_name IN (SELECT value FROM json_each($viewerGroups))))";

    /// <summary>Tasks the viewer may see; <paramref name="alias"/> is the tasks table's alias in the query.</summary>
    public static KeysetQuery<T> Tasks<T>(this KeysetQuery<T> query, Viewer? viewer, string alias = "t") =>
        viewer is null ? query : query.Where(TaskFilter(alias), Parameters(viewer));

    /// <summary>The condition of <see cref="Tasks{T}"/> for hand-written SQL; bind <see cref="Parameters"/> with it.</summary>
    public static string TaskFilter(string alias) => string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskCondition, alias);

    /// <summary>Instances the viewer may see; <paramref name="table"/> is how the instances table is named in the query.</summary>
    public static KeysetQuery<T> Instances<T>(this KeysetQuery<T> query, Viewer? viewer, string table = "instances") =>
        viewer is null
            ? query
            : query.Where(InstanceFilter(table), Parameters(viewer));

    /// <summary>The condition of <see cref="Instances{T}"/> for hand-written SQL; bind <see cref="Parameters"/> with it.</summary>
    public static string InstanceFilter(string table) =>
        $"(EXISTS (SELECT 1 FROM history vh WHERE vh.instance_id = {table}.id AND vh.type = 'instance-started' AND vh.user_name = $viewer)" +
        $" OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.instance_id = {table}.id AND " + TaskFilter("vt") + "))";

    /// <summary>The viewer's parameters of the conditions above.</summary>
    public static KeyValuePair<string, object>[] Parameters(Viewer viewer) =>
        [new("$viewer", viewer.User), new("$viewerGroups", JsonSerializer.Serialize(viewer.Groups))];
}
