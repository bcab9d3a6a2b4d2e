using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Triggers;

/// <summary>
/// Timers, messages and signals: caught from outside the instance, so while a catcher can fire it holds a
/// subscription in the store (opened with its activity or scope, closed when that is left), which the scheduler,
/// a sent message or a broadcast signal fires (<see cref="ProcessExecution.FireCatcher"/>).
/// </summary>
public sealed class SubscribedEventTrigger : IEventTrigger
{
    public void Open(ProcessExecution execution, Token? host, Event catcher) => execution.OpenCatcher(host, catcher);

    public void Close(ProcessExecution execution, Token? host, Event catcher) => execution.CloseCatcher(host, catcher);
}
