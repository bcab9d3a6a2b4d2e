using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Telemetry;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Commits a command's run (<see cref="CommitChangesAsync"/>) inside the command's trace activity, then records its
    /// metrics from what it committed. Every command that changes an instance passes here, which is why tracing and
    /// metrics live here and nowhere else in the engine.
    /// </summary>
    private async Task<IReadOnlyList<TaskRecord>> CommitAsync(
        CommandSession session, IEnumerable<TaskRecord> tasks, CommandContext context, string resourceId, int status, CancellationToken cancellationToken,
        Action<ChangeSet>? extra = null)
    {
        var first = session.Executions.Count > 0 ? session.Executions[0] : null;
        using var activity = EngineTelemetry.StartCommand(first?.Effects.History.FirstOrDefault()?.Type ?? "command", session.StartedTimestamp);
        if (activity is not null)
        {
            activity.SetTag("bpm.resource.id", resourceId);
            activity.SetTag("bpm.instance.id", first?.Instance.Id);
            activity.SetTag("bpm.process.key", first?.Instance.ProcessKey);
            activity.SetTag("bpm.instances", session.Executions.Count);
        }

        try
        {
            var committed = await CommitChangesAsync(session, tasks, context, resourceId, status, cancellationToken, extra).ConfigureAwait(false);
            _metrics?.Record(committed, session.StateFound, session.TaskFound, Now);
            return committed.Tasks;
        }
        catch (Exception error)
        {
            EngineTelemetry.Fail(activity, error);
            throw;
        }
    }
}
