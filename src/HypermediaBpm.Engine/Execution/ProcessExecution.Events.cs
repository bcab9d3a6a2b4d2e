using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Thrown events and their catchers. An error or escalation walks outward from the thrower, scope by scope:
/// first the event subprocesses of the scope it runs in, then the boundary events of the activity that is
/// that scope, then the next scope out. At each step an exact code match wins over a catch-all.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>
    /// Throws a BPMN error from <paramref name="thrower"/>. The nearest catcher interrupts its scope and takes
    /// over (the thrower ends there); an error nobody catches is an incident on the thrower.
    /// </summary>
    public void ThrowError(Token thrower, FlowNode node, Error? error) =>
        RaiseError(thrower, node, new ThrownError(error?.ErrorCode ?? error?.Id, error?.Name));

    /// <summary>
    /// Finds the nearest catcher of <paramref name="error"/> outward from <paramref name="thrower"/>. Nobody
    /// catching it is an incident on the thrower, unless this instance was called by a call activity: then the
    /// instance ends and the error goes on to the caller.
    /// </summary>
    private void RaiseError(Token thrower, FlowNode node, ThrownError error)
    {
        var code = error.Code;
        var caught = FindCatcher(thrower, d => d is ErrorEventDefinition e ? Rank(e.Error?.ErrorCode ?? e.Error?.Id, e.ErrorRef, code) : 0);
        if (caught is not { } found)
        {
            if (Instance.Parent is not null)
            {
                ThrowToCaller(thrower, node, error);
                return;
            }

            Fail(thrower, node, "UNCAUGHT_ERROR",
                $"'{node.DisplayName}' threw the error '{code ?? "(no code)"}' and no boundary event or event subprocess catches it.");
            return;
        }

        Catch(thrower, node, found.Scope, found.Catcher, ErrorVariables((ErrorEventDefinition)found.Catcher.Trigger!, error));
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

    /// <summary>
    /// Throws an escalation from <paramref name="thrower"/>. An interrupting catcher ends the thrower's scope;
    /// a non-interrupting one starts beside it and the thrower carries on. An escalation nobody catches is
    /// recorded and otherwise ignored, as BPMN 2.0 says.
    /// </summary>
    public void ThrowEscalation(Token thrower, FlowNode node, Escalation? escalation)
    {
        var code = escalation?.EscalationCode ?? escalation?.Id;
        var caught = FindCatcher(thrower, d => d is EscalationEventDefinition e ? Rank(e.Escalation?.EscalationCode ?? e.Escalation?.Id, e.EscalationRef, code) : 0);
        if (caught is not { } found)
        {
            Record(HistoryTypes.EscalationUncaught, node, thrower, null,
                $"{{\"token\":{JsonSerializer.Serialize(thrower.Id)},\"escalation\":{JsonSerializer.Serialize(code)}}}");
            return;
        }

        Catch(thrower, node, found.Scope, found.Catcher, new Dictionary<string, object?>());
    }

    /// <summary>True while the token is still in the instance (not ended by an interrupting catch).</summary>
    public bool IsActive(Token token) => !_removed.Contains(token);

    /// <summary>
    /// Fires a boundary event of the activity <paramref name="host"/> is at: an interrupting one withdraws the
    /// activity (with everything inside it), a non-interrupting one leaves it running. Either way a new token
    /// leaves by the boundary event's flows, with <paramref name="variables"/> set.
    /// </summary>
    public Token TriggerBoundary(Token host, BoundaryEvent boundary, IReadOnlyDictionary<string, object?> variables)
    {
        if (boundary.CancelActivity)
        {
            Withdraw(host);
        }

        var token = Instance.NewToken(boundary.Id, host.ScopeId, Now);
        if (variables.Count > 0)
        {
            SetVariablesFrom(token, variables, boundary);
        }

        Schedule(token);
        return token;
    }

    /// <summary>
    /// Starts one run of an event subprocess in scope <paramref name="scope"/> (null: the process) at
    /// <paramref name="start"/>. An interrupting start first withdraws everything else in that scope.
    /// </summary>
    public Token StartEventSubProcess(Token? scope, StartEvent start, IReadOnlyDictionary<string, object?> variables)
    {
        var eventSubProcess = (SubProcess)start.Container;
        if (start.IsInterrupting)
        {
            foreach (var other in Instance.Tokens.Where(t => t.ScopeId == scope?.Id).ToList())
            {
                Withdraw(other);
            }

            CloseEventSubProcesses(scope, scope is null ? Process.Process : (IFlowElementContainer)Process.Node(scope.ActivityId));
        }

        var body = Instance.NewToken(eventSubProcess.Id, scope?.Id, Now);
        body.State = TokenState.Waiting;
        Record(HistoryTypes.ActivityStarted, eventSubProcess, body, null);
        OpenEventSubProcesses(body, eventSubProcess);
        var token = Instance.NewToken(start.Id, body.Id, Now);
        if (variables.Count > 0)
        {
            SetVariablesFrom(token, variables, start);
        }

        Schedule(token);
        return token;
    }

    /// <summary>2 = the catcher names this very code, 1 = it catches every code, 0 = it does not catch it.</summary>
    private static int Rank(string? catcherCode, string? catcherRef, string? thrownCode) =>
        catcherRef is null ? 1 : catcherCode is not null && catcherCode == thrownCode ? 2 : 0;

    private (Token? Scope, Event Catcher)? FindCatcher(Token thrower, Func<EventDefinition, int> rank)
    {
        var current = thrower;
        while (true)
        {
            var scope = ScopeOf(current);
            var activity = scope is null ? null : (Activity)Process.Node(scope.ActivityId);
            IFlowElementContainer? container = scope is null
                ? Process.Process
                : activity is SubProcess subProcess && !IsLoopBody(scope, activity) ? subProcess : null;
            if (container is not null && Best(Process.Structure.EventSubProcessStartsIn(container), rank) is { } start)
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

    private void Catch(Token thrower, FlowNode node, Token? scope, Event catcher, IReadOnlyDictionary<string, object?> variables)
    {
        var interrupting = catcher switch
        {
            BoundaryEvent b => b.CancelActivity,
            StartEvent s => s.IsInterrupting,
            _ => true,
        };
        if (interrupting && IsActive(thrower))
        {
            // The thrower did its work (it threw); it ends as completed before its scope is interrupted.
            Remove(thrower, node, HistoryTypes.ActivityCompleted);
        }

        if (catcher is BoundaryEvent boundary)
        {
            TriggerBoundary(scope!, boundary, variables);
        }
        else
        {
            StartEventSubProcess(scope, (StartEvent)catcher, variables);
        }
    }
}
