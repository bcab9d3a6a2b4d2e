using HypermediaBpm.Engine.Behaviors.Events;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// The process itself as a scope: its event subprocesses listen from the start until the instance ends; what could be
/// compensated goes with it.
/// </summary>
public sealed class ProcessScope(Catching catching)
{
    public void Started(IBehaviorContext context) => catching.OpenEventSubProcesses(context, null, context.Process.Process);

    public void Ending(IBehaviorContext context)
    {
        catching.CloseEventSubProcesses(context, null, context.Process.Process);
        if (context.Instance.HasCompensations)
        {
            context.Instance.Compensations.Clear();
        }
    }
}
