using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Catchers and what they catch. Boundary events listen while their activity runs, event subprocess starts while
/// their scope runs (<see cref="OpenBoundaries"/>, <see cref="OpenEventSubProcesses"/>). An error or escalation walks
/// outward from the thrower, scope by scope: first the event subprocesses of the scope it runs in, then the boundary
/// events of the activity that is that scope, then the next scope out. At each step an exact code match wins over a
/// catch-all.
/// </summary>
public sealed class Catching(EventTriggerTable triggers)
{
    /// <summary>No variables: what a catch or a fired timer that carries none sets.</summary>
    public static readonly IReadOnlyDictionary<string, object?> NoVariables = new Dictionary<string, object?>();

    public EventTriggerTable Triggers => triggers;

    public void OpenBoundaries(IBehaviorContext context, Token host, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            triggers.For(boundary).Open(context, host, boundary);
        }
    }

    public void CloseBoundaries(IBehaviorContext context, Token host, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            triggers.For(boundary).Close(context, host, boundary);
        }
    }

    public void OpenEventSubProcesses(IBehaviorContext context, Token? scope, IFlowElementContainer container)
    {
        foreach (var start in context.Process.Structure.EventSubProcessStartsIn(container))
        {
            triggers.For(start).Open(context, scope, start);
        }
    }

    public void CloseEventSubProcesses(IBehaviorContext context, Token? scope, IFlowElementContainer container)
    {
        foreach (var start in context.Process.Structure.EventSubProcessStartsIn(container))
        {
            triggers.For(start).Close(context, scope, start);
        }
    }

    /// <summary>
    /// Throws a BPMN error from <paramref name="thrower"/>. The nearest catcher interrupts its scope and takes over (the
    /// thrower ends there); nobody catching it is an incident on the thrower, unless this instance was called by a call
    /// activity: then the instance ends and the error goes on to the caller.
    /// </summary>
    public void ThrowError(IBehaviorContext context, Token thrower, FlowNode node, ThrownError error)
    {
        var code = error.Code;
        if (FindCatcher(context, thrower, d => d is ErrorEventDefinition e ? Rank(e.Error?.ErrorCode ?? e.Error?.Id, e.ErrorRef, code) : 0) is not { } found)
        {
            if (context.Instance.Parent is not null)
            {
                ThrowToCaller(context, thrower, node, error);
                return;
            }

            context.Fail(thrower, node, "UNCAUGHT_ERROR",
                $"'{node.DisplayName}' threw the error '{code ?? "(no code)"}' and no boundary event or event subprocess catches it.");
            return;
        }

        Catch(context, thrower, node, found.Scope, found.Catcher, ErrorVariables((ErrorEventDefinition)found.Catcher.Trigger!, error));
    }

    /// <summary>
    /// An error reported from outside for the activity <paramref name="token"/> waits at (a called instance's, a
    /// worker's): the activity's own error boundary events come first, then the walk outward.
    /// </summary>
    public void ThrowErrorAt(IBehaviorContext context, Token token, ThrownError error)
    {
        var activity = (Activity)context.Process.Node(token.ActivityId);
        context.PointOfView = token;
        if (token.LoopCounter is null && activity.BoundaryEvents.Count > 0
            && Best(activity.BoundaryEvents, d => d is ErrorEventDefinition e ? Rank(e.Error?.ErrorCode ?? e.Error?.Id, e.ErrorRef, error.Code) : 0) is BoundaryEvent boundary)
        {
            TriggerBoundary(context, token, boundary, ErrorVariables((ErrorEventDefinition)boundary.Trigger!, error));
        }
        else
        {
            ThrowError(context, token, activity, error);
        }
    }

    /// <summary>
    /// Throws an escalation from <paramref name="thrower"/>. An interrupting catcher ends the thrower's scope; a
    /// non-interrupting one starts beside it and the thrower carries on. An escalation nobody catches is recorded and
    /// otherwise ignored, as BPMN 2.0 says.
    /// </summary>
    public void ThrowEscalation(IBehaviorContext context, Token thrower, FlowNode node, Escalation? escalation)
    {
        var code = escalation?.EscalationCode ?? escalation?.Id;
        var caught = FindCatcher(context, thrower, d => d is EscalationEventDefinition e ? Rank(e.Escalation?.EscalationCode ?? e.Escalation?.Id, e.EscalationRef, code) : 0);
        if (caught is not { } found)
        {
            context.Record(ElementHistoryTypes.EscalationUncaught, node, thrower, null,
                $"{{\"token\":{JsonSerializer.Serialize(thrower.Id)},\"escalation\":{JsonSerializer.Serialize(code)}}}");
            return;
        }

        Catch(context, thrower, node, found.Scope, found.Catcher, new Dictionary<string, object?>());
    }

    /// <summary>
    /// What a throwing event (an intermediate throw or an end event) sends before its token goes on: an escalation
    /// (thrown outward; false when an interrupting catcher ended the token), a signal or a message (delivered after this
    /// run commits). Other triggers send nothing.
    /// </summary>
    public bool Throw(IBehaviorContext context, Token token, FlowNode node, EventDefinition? trigger)
    {
        switch (trigger)
        {
            case EscalationEventDefinition escalation:
                ThrowEscalation(context, token, node, escalation.Escalation);
                return context.IsActive(token);
            case SignalEventDefinition signal:
                context.ThrowSignal(EventSubscriptions.SignalName(signal)!);
                return true;
            case MessageEventDefinition message when EventSubscriptions.MessageName(message) is { } name:
                context.PublishMessage(name, context.CorrelationKeyOf(message.CorrelationKey ?? message.Message?.CorrelationKey));
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// Fires a boundary event of the activity <paramref name="host"/> is at: an interrupting one withdraws the activity
    /// (with everything inside it), a non-interrupting one leaves it running. Either way a new token leaves by the
    /// boundary event's flows, with <paramref name="variables"/> set.
    /// </summary>
    public Token TriggerBoundary(IBehaviorContext context, Token host, BoundaryEvent boundary, IReadOnlyDictionary<string, object?> variables)
    {
        if (boundary.CancelActivity)
        {
            context.Withdraw(host);
        }

        var token = context.Activate(boundary, context.ScopeOf(host));
        if (variables.Count > 0)
        {
            context.SetVariablesFrom(token, variables, boundary);
        }

        return token;
    }

    /// <summary>
    /// Starts one run of an event subprocess in scope <paramref name="scope"/> (null: the process) at
    /// <paramref name="start"/>. An interrupting start first withdraws everything else in that scope.
    /// </summary>
    public Token StartEventSubProcess(IBehaviorContext context, Token? scope, StartEvent start, IReadOnlyDictionary<string, object?> variables)
    {
        var eventSubProcess = (SubProcess)start.Container;
        if (start.IsInterrupting)
        {
            foreach (var other in context.TokensIn(scope).ToList())
            {
                context.Withdraw(other);
            }

            CloseEventSubProcesses(context, scope, scope is null ? context.Process.Process : (IFlowElementContainer)context.Process.Node(scope.ActivityId));
        }

        var body = context.Activate(eventSubProcess, scope);
        context.Wait(body);
        context.RecordStarted(body, eventSubProcess);
        OpenEventSubProcesses(context, body, eventSubProcess);
        var token = context.Activate(start, body);
        if (variables.Count > 0)
        {
            context.SetVariablesFrom(token, variables, start);
        }

        return token;
    }

    /// <summary>The error code and message variables a catching error event asks for.</summary>
    private static Dictionary<string, object?> ErrorVariables(ErrorEventDefinition definition, ThrownError error)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (definition.ErrorCodeVariable is { Length: > 0 } codeVariable)
        {
            values[codeVariable] = error.Code;
        }

        if (definition.ErrorMessageVariable is { Length: > 0 } messageVariable)
        {
            values[messageVariable] = error.Message;
        }

        return values;
    }

    /// <summary>An uncaught error in a called instance: it ends here (terminated) and the error goes to the caller.</summary>
    private static void ThrowToCaller(IBehaviorContext context, Token thrower, FlowNode node, ThrownError error)
    {
        if (context.IsActive(thrower))
        {
            context.Complete(thrower, node);
        }

        foreach (var rest in context.Instance.Tokens.ToList())
        {
            context.Withdraw(rest);
        }

        context.ReportErrorToCaller(error);
        context.Record(ElementHistoryTypes.ErrorThrownToCaller, node, thrower, null,
            $"{{\"code\":{JsonSerializer.Serialize(error.Code)},\"caller\":{JsonSerializer.Serialize(context.Instance.Parent!.InstanceId)}}}");
        context.Instance.Cancel(context.Now);
    }

    /// <summary>2 = the catcher names this very code, 1 = it catches every code, 0 = it does not catch it.</summary>
    private static int Rank(string? catcherCode, string? catcherRef, string? thrownCode) =>
        catcherRef is null ? 1 : catcherCode is not null && catcherCode == thrownCode ? 2 : 0;

    private static (Token? Scope, Event Catcher)? FindCatcher(IBehaviorContext context, Token thrower, Func<EventDefinition, int> rank)
    {
        var current = thrower;
        while (true)
        {
            var scope = context.ScopeOf(current);
            var activity = scope is null ? null : (Activity)context.Process.Node(scope.ActivityId);
            IFlowElementContainer? container = scope is null
                ? context.Process.Process
                : activity is SubProcess subProcess && !MultiInstanceBehavior.IsBody(scope, activity) ? subProcess : null;
            if (container is not null && Best(context.Process.Structure.EventSubProcessStartsIn(container), rank) is { } start)
            {
                return (scope, start);
            }

            if (scope is null)
            {
                return null;
            }

            if (scope.LoopCounter is null && activity!.BoundaryEvents.Count > 0 && Best(activity.BoundaryEvents, rank) is { } boundary)
            {
                return (scope, boundary);
            }

            current = scope;
        }
    }

    private static Event? Best<T>(IReadOnlyList<T> catchers, Func<EventDefinition, int> rank)
        where T : Event
    {
        Event? best = null;
        var bestRank = 0;
        foreach (var catcher in catchers)
        {
            var r = catcher.Trigger is { } definition ? rank(definition) : 0;
            if (r > bestRank)
            {
                best = catcher;
                bestRank = r;
            }
        }

        return best;
    }

    private void Catch(IBehaviorContext context, Token thrower, FlowNode node, Token? scope, Event catcher, IReadOnlyDictionary<string, object?> variables)
    {
        var interrupting = catcher switch
        {
            BoundaryEvent b => b.CancelActivity,
            StartEvent s => s.IsInterrupting,
            _ => true,
        };
        if (interrupting && context.IsActive(thrower))
        {
            // The thrower did its work (it threw); it ends as completed before its scope is interrupted.
            context.Complete(thrower, node);
        }

        if (catcher is BoundaryEvent boundary)
        {
            TriggerBoundary(context, scope!, boundary, variables);
        }
        else
        {
            StartEventSubProcess(context, scope, (StartEvent)catcher, variables);
        }
    }
}
