using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Triggers;

/// <summary>
/// Errors and escalations: thrown inside the process and caught by walking outward from the thrower
/// (<see cref="ProcessExecution.ThrowError"/>, <see cref="ProcessExecution.ThrowEscalation"/>), so nothing
/// has to be recorded while a catcher waits.
/// </summary>
public sealed class ThrownEventTrigger : IEventTrigger
{
    public void Open(ProcessExecution execution, Token? host, Event catcher)
    {
    }

    public void Close(ProcessExecution execution, Token? host, Event catcher)
    {
    }
}
