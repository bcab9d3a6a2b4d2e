using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Scopes: a subprocess (or one instance of a loop) is a token that waits at its activity while the tokens
/// inside it, whose <see cref="Token.ScopeId"/> is its id, run; when the last of them ends, it leaves.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>The scope token a token runs inside, or null at process level.</summary>
    public Token? ScopeOf(Token token) => token.ScopeId is { } id ? Instance.Tokens.Find(t => t.Id == id) : null;

    /// <summary>True for the token of a loop activity that holds its instances (and not for one of them).</summary>
    public static bool IsLoopBody(Token token, Activity activity) => activity.LoopCharacteristics is not null && token.LoopCounter is null;

    /// <summary>
    /// A token enters a subprocess: it waits there as the scope, its event subprocesses start listening, and a
    /// token sets off from each start (the none start event, else every node without incoming flow). With
    /// nothing to start, the subprocess is done at once.
    /// </summary>
    public void EnterScope(Token scope, SubProcess subProcess)
    {
        scope.State = TokenState.Waiting;
        OpenEventSubProcesses(scope, subProcess);
        var starts = Process.Structure.StartsOf(subProcess);
        if (starts.Count == 0)
        {
            CompleteScope(scope);
            return;
        }

        foreach (var start in starts)
        {
            Schedule(Instance.NewToken(start.Id, scope.Id, Now));
        }
    }

    /// <summary>Sets a variable on one token's scope only (a loop counter, a caught error code…).</summary>
    public void SetLocalVariable(Token token, string name, object? value)
    {
        VariableLimit.Check(name, value);
        token.Variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        token.Variables[name] = VariableJson.Normalize(value);
    }

    /// <summary>Sets variables as seen from <paramref name="pointOfView"/> (each goes to the nearest scope that has it, else the process).</summary>
    public void SetVariablesFrom(Token pointOfView, IReadOnlyDictionary<string, object?> values, FlowNode? node)
    {
        var saved = Variables.Current;
        Variables.Current = pointOfView;
        SetVariables(values, node);
        Variables.Current = saved;
    }

    /// <summary>Moves a token to a node without a sequence flow (a link throw to its catch).</summary>
    public void Jump(Token token, FlowNode from, FlowNode to)
    {
        RecordCompleted(token, from, null);
        token.Variables = null;
        token.ActivityId = to.Id;
        token.ViaFlowId = null;
        token.Since = Now;
        Schedule(token);
    }

    /// <summary>After a token of scope <paramref name="scopeId"/> ended: when none is left, the scope completes.</summary>
    private void CompleteScopeIfEmpty(string scopeId)
    {
        foreach (var other in Instance.Tokens)
        {
            if (other.ScopeId == scopeId)
            {
                return;
            }
        }

        if (Instance.Tokens.Find(t => t.Id == scopeId) is { } scope)
        {
            CompleteScope(scope);
        }
    }

    /// <summary>
    /// A scope whose work is done leaves its activity (a loop instance returns to its body) — unless it is a transaction
    /// with participants, which first waits for their confirmation.
    /// </summary>
    private void CompleteScope(Token scope)
    {
        if (!ConfirmBeforeLeaving(scope))
        {
            LeaveScope(scope);
        }
    }

    private void LeaveScope(Token scope)
    {
        var saved = Variables.Current;
        Variables.Current = scope;
        scope.State = TokenState.Ready;
        Leave(scope, Process.Node(scope.ActivityId));
        Variables.Current = saved;
    }

    private void OpenBoundaries(Token host, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            _behaviors.Triggers.For(boundary).Open(this, host, boundary);
        }
    }

    private void CloseBoundaries(Token host, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            _behaviors.Triggers.For(boundary).Close(this, host, boundary);
        }
    }

    private void OpenEventSubProcesses(Token? scope, IFlowElementContainer container)
    {
        foreach (var start in Process.Structure.EventSubProcessStartsIn(container))
        {
            _behaviors.Triggers.For(start).Open(this, scope, start);
        }
    }

    private void CloseEventSubProcesses(Token? scope, IFlowElementContainer container)
    {
        foreach (var start in Process.Structure.EventSubProcessStartsIn(container))
        {
            _behaviors.Triggers.For(start).Close(this, scope, start);
        }
    }
}
