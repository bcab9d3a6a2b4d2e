using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Removes a process with every version, instance, task and history entry, or nothing while an instance
/// has not ended. Children go first because tasks and history reference their instance.
/// </summary>
internal sealed class DeleteProcessOperation(string key) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        var s = session.Statements;
        var busy = s.HasUnendedInstances
            .Set(0, key).Set(1, InstanceStates.Running).Set(2, InstanceStates.Suspended).Set(3, InstanceStates.Failed)
            .Scalar();
        if (busy is long and not 0)
        {
            return false;
        }

        s.DeleteProcessTasks.Set(0, key).Execute();
        s.DeleteStartSubscriptions.Set(0, key).Execute();
        session.Counters.HistoryChanged(-s.DeleteProcessHistory.Set(0, key).Execute());
        s.DeleteProcessInstances.Set(0, key).Execute();
        s.DeleteProcessSources.Set(0, key).Execute();
        s.DeleteProcessDefinitions.Set(0, key).Execute();
        s.DeleteEmptyInstanceCounts.Set(0, key).Execute();
        s.DeleteEmptyTaskCounts.Set(0, key).Execute();
        return true;
    }
}
