using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Call activities, as seen from one instance's run. What concerns another instance (start a called
/// instance, cancel one, hand an error up to the caller) is collected here and carried out by the engine in
/// the same command, so every instance involved is written in one change set.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>Called instances to start, in the order their call activities were reached.</summary>
    public List<CallRequest> Calls { get; } = new();

    /// <summary>Called instances whose call activity was withdrawn: they are cancelled with it.</summary>
    public List<string> CalledInstancesToCancel { get; } = new();

    /// <summary>An error nobody in this called instance caught: it goes on to the call activity that called it.</summary>
    public ThrownError? ErrorToCaller { get; private set; }

    /// <summary>The token waits at its call activity until the called instance the engine starts for it ends.</summary>
    public void Call(Token token, CallRequest request)
    {
        token.State = TokenState.Waiting;
        Calls.Add(request);
    }

    /// <summary>The engine started <paramref name="calledInstanceId"/> for the call activity <paramref name="token"/> is at.</summary>
    public void CallStarted(Token token, string calledInstanceId)
    {
        token.CalledInstanceId = calledInstanceId;
        Record(HistoryTypes.CallStarted, Process.Node(token.ActivityId), token, null,
            $"{{\"token\":{JsonSerializer.Serialize(token.Id)},\"instance\":{JsonSerializer.Serialize(calledInstanceId)}}}");
    }

    /// <summary>The called instance completed: its variables are mapped back and the call activity leaves.</summary>
    public void ReturnFromCall(Token token, IReadOnlyDictionary<string, object?> calledVariables)
    {
        token.CalledInstanceId = null;
        Trigger(token, calledVariables);
    }

    /// <summary>
    /// The called instance ended with an error nobody in it caught: it is thrown at the call activity, where a
    /// boundary event of the activity, an event subprocess or an enclosing scope's boundary event may catch it.
    /// </summary>
    public void ThrowErrorFromCall(Token token, ThrownError error)
    {
        token.CalledInstanceId = null;
        ThrowErrorAt(token, error);
        Run();
    }

    /// <summary>
    /// An error reported from outside for the activity <paramref name="token"/> waits at (a called instance's, a
    /// worker's): the activity's own error boundary events come first, then the walk outward.
    /// </summary>
    private void ThrowErrorAt(Token token, ThrownError error)
    {
        var activity = (Activity)Process.Node(token.ActivityId);
        Variables.Current = token;
        if (token.LoopCounter is null && activity.BoundaryEvents.Count > 0
            && Best(activity.BoundaryEvents, d => d is ErrorEventDefinition e ? Rank(e.Error?.ErrorCode ?? e.Error?.Id, e.ErrorRef, error.Code) : 0) is BoundaryEvent boundary)
        {
            TriggerBoundary(token, boundary, ErrorVariables((ErrorEventDefinition)boundary.Trigger!, error));
        }
        else
        {
            RaiseError(token, activity, error);
        }
    }

    /// <summary>An uncaught error in a called instance: it ends here (terminated) and the error goes to the caller.</summary>
    private void ThrowToCaller(Token thrower, FlowNode node, ThrownError error)
    {
        if (IsActive(thrower))
        {
            Remove(thrower, node, HistoryTypes.ActivityCompleted);
        }

        foreach (var rest in Instance.Tokens.ToList())
        {
            Withdraw(rest);
        }

        ErrorToCaller = error;
        Record(HistoryTypes.ErrorThrownToCaller, node, thrower, null,
            $"{{\"code\":{JsonSerializer.Serialize(error.Code)},\"caller\":{JsonSerializer.Serialize(Instance.Parent!.InstanceId)}}}");
        Instance.Cancel(Now);
    }
}
