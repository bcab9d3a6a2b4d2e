using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Errors, escalations, cancels and compensations: thrown inside the process and caught by walking from the thrower
/// (<see cref="Catching"/>, <see cref="Compensation"/>), so nothing has to be recorded while a catcher waits.
/// </summary>
public sealed class ThrownEventTrigger : IEventTrigger
{
    public void Open(IBehaviorContext context, Token? host, Event catcher)
    {
    }

    public void Close(IBehaviorContext context, Token? host, Event catcher)
    {
    }
}
