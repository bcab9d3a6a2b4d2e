using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// How one kind of event definition (error, escalation, timer, message, signal, compensation, conditional) is caught
/// by a boundary event or by the start event of an event subprocess. A catcher is "subscribed" while it can fire: a
/// boundary event while its activity runs, an event subprocess start while its parent scope runs. <see cref="Open"/>
/// and <see cref="Close"/> mark those moments, so a trigger that waits for something from outside (a timer due, a
/// message) can record and remove what it waits for; when it arrives, the catcher's <see cref="ICatchBehavior"/> fires.
/// </summary>
public interface IEventTrigger
{
    /// <summary>
    /// The catcher can fire from now on. <paramref name="host"/> is the token of the activity a boundary event
    /// is attached to, or the scope token of an event subprocess's parent (null at process level).
    /// </summary>
    void Open(IBehaviorContext context, Token? host, Event catcher);

    /// <summary>The catcher can no longer fire: its activity or scope was left, completed or cancelled.</summary>
    void Close(IBehaviorContext context, Token? host, Event catcher);
}
