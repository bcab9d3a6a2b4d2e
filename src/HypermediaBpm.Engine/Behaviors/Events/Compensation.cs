using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Compensation (BPMN 2.0 §10.6.5). An activity with a compensation boundary event leaves a
/// <see cref="CompensationRecord"/> in its scope when it completes; a subprocess that completes carries the records of
/// what completed inside it (compensating it compensates them, unless it has a compensation event subprocess or a
/// compensation boundary event of its own, which then does the undoing). A compensation throw — an intermediate or end
/// event, or a transaction's cancel end — compensates every record of its scope (or only those of its
/// <c>activityRef</c>), last completed first, one handler after the other: each handler runs as a token inside the
/// thrower, which waits until the last one is done. A record is compensated once.
/// </summary>
public sealed class Compensation
{
    /// <summary>Null when every compensation boundary event of <paramref name="activity"/> has its handler.</summary>
    public string? WhyUnsupported(Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.Trigger is CompensateEventDefinition && HandlerOf(boundary) is null)
            {
                return $"Compensation boundary event '{boundary.DisplayName}' has no association to an activity with isForCompensation=\"true\" that undoes '{activity.DisplayName}'.";
            }
        }

        return null;
    }

    /// <summary>The activity <paramref name="token"/> was at completed: what can undo it is remembered in its scope.</summary>
    public void Completed(IBehaviorContext context, Token token, Activity activity)
    {
        if (!context.Instance.HasCompensations && activity.BoundaryEvents.Count == 0 && activity is not SubProcess)
        {
            return; // the usual case: nothing to remember, and nothing to look for
        }

        var records = context.Instance.Compensations;
        var handler = activity.BoundaryEvents.Find(b => b.Trigger is CompensateEventDefinition) is { } boundary ? HandlerOf(boundary)?.Id : null;
        var eventSubProcess = activity is SubProcess subProcess ? CompensationStartIn(context, subProcess)?.Id : null;
        var hasNested = records.Exists(r => r.ScopeId == token.Id && r.ThrowerId is null);
        if (handler is null && eventSubProcess is null && !hasNested)
        {
            return;
        }

        var record = new CompensationRecord
        {
            Id = "c" + (++context.Instance.LastTokenNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ActivityId = activity.Id,
            HandlerId = handler ?? eventSubProcess,
            ScopeId = RecordScopeOf(context, token)?.Id,
        };
        if (handler is not null)
        {
            // The activity's own handler undoes it as a whole: what completed inside it is not compensated separately.
            records.RemoveAll(r => r.ScopeId == token.Id && r.ThrowerId is null);
        }
        else
        {
            foreach (var nested in records.Where(r => r.ScopeId == token.Id && r.ThrowerId is null))
            {
                nested.ScopeId = record.Id;
            }
        }

        records.Add(record);
    }

    /// <summary>A scope was withdrawn: what completed inside it can no longer be compensated.</summary>
    public static void Discard(IBehaviorContext context, Token scope) =>
        context.Instance.Compensations.RemoveAll(r => r.ScopeId == scope.Id && r.ThrowerId is null);

    /// <summary>
    /// Throws a compensation from <paramref name="thrower"/> at <paramref name="node"/>: false when there is nothing to
    /// compensate (the thrower goes on at once); otherwise the thrower waits while the handlers run.
    /// </summary>
    public bool Throw(IBehaviorContext context, Token thrower, FlowNode node, string? activityRef)
    {
        var records = context.Instance.Compensations;
        var scopeId = ScopeToCompensate(context, thrower)?.Id;
        var chosen = records.Where(r => r.ScopeId == scopeId && r.ThrowerId is null && (activityRef is null || r.ActivityId == activityRef)).ToList();
        var plan = new List<CompensationRecord>();
        for (var i = chosen.Count - 1; i >= 0; i--)
        {
            Expand(records, chosen[i], plan);
        }

        context.Record(ElementHistoryTypes.CompensationThrown, node, thrower, null,
            $"{{\"token\":{JsonSerializer.Serialize(thrower.Id)},\"activity\":{JsonSerializer.Serialize(activityRef)},\"handlers\":{plan.Count}}}");
        if (plan.Count == 0)
        {
            return false;
        }

        foreach (var step in plan)
        {
            records.Remove(step);
            step.ThrowerId = thrower.Id;
            records.Add(step);
        }

        context.Wait(thrower);
        StartNext(context, thrower);
        return true;
    }

    /// <summary>
    /// A handler run by <paramref name="thrower"/> is done: the next one starts; true when none is left and the thrower
    /// goes on.
    /// </summary>
    public bool HandlerCompleted(IBehaviorContext context, Token thrower)
    {
        if (context.TokensIn(thrower).Any() || StartNext(context, thrower))
        {
            return false;
        }

        Discard(context, thrower);
        return true;
    }

    /// <summary>The handler activity a compensation boundary event is associated with.</summary>
    public static Activity? HandlerOf(BoundaryEvent boundary)
    {
        // Modellers put the association anywhere up to the process (Camunda's tests at process level), so look there.
        IFlowElementContainer root = boundary.Container;
        while (root is FlowElement { Container: { } outer })
        {
            root = outer;
        }

        if (root is not BpmnProcess process)
        {
            return null;
        }

        foreach (var element in process.ElementsById.Values)
        {
            if (element is Artifact { ElementName: "association" } association)
            {
                var other = association.SourceRef == boundary.Id ? association.TargetRef : association.TargetRef == boundary.Id ? association.SourceRef : null;
                if (other is not null && process.ElementsById.GetValueOrDefault(other) is Activity { IsForCompensation: true } handler)
                {
                    return handler;
                }
            }
        }

        return null;
    }

    /// <summary>The start event of the compensation event subprocess directly inside <paramref name="subProcess"/>, if any.</summary>
    private static StartEvent? CompensationStartIn(IBehaviorContext context, SubProcess subProcess) =>
        context.Process.Structure.EventSubProcessStartsIn(subProcess).FirstOrDefault(s => s.Trigger is CompensateEventDefinition);

    /// <summary>
    /// The scope whose records a throw compensates: the thrower's own, except inside a compensation event subprocess,
    /// which compensates what completed inside the subprocess it undoes (its records were handed to the throw running it).
    /// </summary>
    private static Token? ScopeToCompensate(IBehaviorContext context, Token thrower)
    {
        var scope = context.ScopeOf(thrower);
        if (scope is not null && context.Process.Node(scope.ActivityId) is SubProcess { TriggeredByEvent: true } eventSubProcess
            && eventSubProcess.FlowElements.OfType<StartEvent>().Any(s => s.Trigger is CompensateEventDefinition))
        {
            return context.ScopeOf(scope);
        }

        return scope;
    }

    /// <summary>Where a completed activity's record goes: its scope, or for one instance of a loop, the loop's scope.</summary>
    private static Token? RecordScopeOf(IBehaviorContext context, Token token)
    {
        var scope = context.ScopeOf(token);
        return scope is not null && scope.ActivityId == token.ActivityId ? context.ScopeOf(scope) : scope;
    }

    /// <summary>A subprocess without a handler of its own is compensated by compensating what completed inside it, last first.</summary>
    private static void Expand(List<CompensationRecord> records, CompensationRecord record, List<CompensationRecord> plan)
    {
        if (record.HandlerId is not null)
        {
            plan.Add(record);
            return;
        }

        records.Remove(record);
        var nested = records.Where(r => r.ScopeId == record.Id && r.ThrowerId is null).ToList();
        for (var i = nested.Count - 1; i >= 0; i--)
        {
            Expand(records, nested[i], plan);
        }
    }

    private static bool StartNext(IBehaviorContext context, Token thrower)
    {
        var records = context.Instance.Compensations;
        var next = records.Find(r => r.ThrowerId == thrower.Id);
        if (next is null)
        {
            return false;
        }

        records.Remove(next);
        var handler = context.Process.Node(next.HandlerId!);
        if (handler is StartEvent start)
        {
            // A compensation event subprocess undoes its subprocess: it runs inside the thrower, with the records of
            // what completed inside the subprocess, which a throw inside it compensates.
            foreach (var nested in records.Where(r => r.ScopeId == next.Id))
            {
                nested.ScopeId = thrower.Id;
            }

            var eventSubProcess = (SubProcess)start.Container;
            var body = context.Activate(eventSubProcess, thrower);
            context.Wait(body);
            context.RecordStarted(body, eventSubProcess);
            context.Activate(start, body);
        }
        else
        {
            context.Activate(handler, thrower);
        }

        return true;
    }
}
