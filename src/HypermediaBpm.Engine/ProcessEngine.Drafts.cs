using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>The history event of a task's saved draft (data: the task and the names of the fields saved).</summary>
    public const string TaskUpdatedEvent = Commanding.TaskCommands.UpdatedEvent;

    /// <summary>
    /// Saves form values on an open or claimed task without completing it (the task's <c>update</c>: ruote's workitem
    /// <c>PUT</c>, Pautasso's <c>PUT /P/1/T</c>). The values sent replace the task's draft; they are typed and checked
    /// like a completion's, but required fields may still be empty. Recorded in the history with the user; the
    /// task's revision moves on, so <c>If-Match</c> sees the change.
    /// </summary>
    public Task<CommandOutcome> SaveTaskDraftAsync(
        string taskId, IReadOnlyDictionary<string, object?> values, bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken) =>
        _tasks.SaveDraftAsync(taskId, values, fromHtmlForm, context, cancellationToken);

    /// <summary>The values of a task's saved draft (empty when none was saved).</summary>
    public static IReadOnlyDictionary<string, object?> DraftOf(Persistence.TaskRecord task) =>
        (task ?? throw new ArgumentNullException(nameof(task))).DraftJson is { } json
            ? VariableJson.Deserialize(json)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
}
