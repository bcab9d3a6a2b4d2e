using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Triggers;

/// <summary>
/// How one kind of event definition (error, escalation; later timer, message, signal) is caught by a
/// boundary event or by the start event of an event subprocess. A catcher is "subscribed" while it can fire:
/// a boundary event while its activity runs, an event subprocess start while its parent scope runs.
/// <see cref="Open"/> and <see cref="Close"/> mark those moments, so a trigger that waits for something from
/// outside (a timer due, a message) can record and remove what it waits for; when it arrives, the trigger
/// fires the catcher through <see cref="ProcessExecution.TriggerBoundary"/> or
/// <see cref="ProcessExecution.StartEventSubProcess"/>.
/// </summary>
public interface IEventTrigger
{
    /// <summary>
    /// The catcher can fire from now on. <paramref name="host"/> is the token of the activity a boundary event
    /// is attached to, or the scope token of an event subprocess's parent (null at process level).
    /// </summary>
    void Open(ProcessExecution execution, Token? host, Event catcher);

    /// <summary>The catcher can no longer fire: its activity or scope was left, completed or cancelled.</summary>
    void Close(ProcessExecution execution, Token? host, Event catcher);
}
