using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Timers, messages and signals: caught from outside the instance, so while a catcher can fire it holds a
/// subscription in the store (opened with its activity or scope, closed when that is left), which the scheduler,
/// a sent message or a broadcast signal fires (<see cref="ICatchBehavior.Fire"/>).
/// </summary>
public sealed class SubscribedEventTrigger : IEventTrigger
{
    public void Open(IBehaviorContext context, Token? host, Event catcher) => context.OpenCatcher(host, catcher, catcher.Trigger!);

    public void Close(IBehaviorContext context, Token? host, Event catcher) => context.CloseCatcher(host, catcher);
}
