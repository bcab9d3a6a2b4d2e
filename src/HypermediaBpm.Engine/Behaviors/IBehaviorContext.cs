using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// Everything a behaviour may touch of the run it takes part in, and nothing more: token flow, the token's guarded
/// state changes, variables, work items that wait for the outside world, catching and failing. The executor implements
/// it; a behaviour never sees the executor itself, so an element's rules live in its behaviour and nowhere else.
/// </summary>
public interface IBehaviorContext
{
    /// <summary>Guards against models that loop without ever waiting: the most steps one command takes.</summary>
    public const int MaxStepsPerCommand = 50_000;

    DeployedProcess Process { get; }

    ProcessInstance Instance { get; }

    DateTimeOffset Now { get; }

    /// <summary>The behaviours of the other nodes (a scope's, a catcher's).</summary>
    BehaviorTable Behaviors { get; }

    // Token flow.

    /// <summary>Leaves the node the BPMN way: every flow whose condition holds (uncontrolled flows fork), else the default flow.</summary>
    void Leave(Token token, FlowNode node);

    /// <summary>Moves the token along one flow to its target and schedules it there.</summary>
    void Move(Token token, SequenceFlow flow);

    /// <summary>Sends the token down the first flow and a new token down each other one (none: the token ends).</summary>
    void Fork(Token token, FlowNode node, IReadOnlyList<SequenceFlow> flows);

    /// <summary>A token absorbed by a join: it ends here without ending its scope.</summary>
    void Merge(Token token, FlowNode node);

    /// <summary>The token ends here; when it was the last of its scope, the scope's behaviour hears of it.</summary>
    void Consume(Token token, FlowNode node);

    /// <summary>The token's activity is done but it goes nowhere (an instance returning to its body, a thrower ended by its catch).</summary>
    void Complete(Token token, FlowNode node);

    /// <summary>Takes a token (and everything inside it) away without completing it; its work item is cancelled.</summary>
    void Withdraw(Token token);

    /// <summary>Moves a token to a node without a sequence flow (a link throw to its catch).</summary>
    void Jump(Token token, FlowNode from, FlowNode to);

    /// <summary>A new token at <paramref name="node"/> inside <paramref name="scope"/> (null: the process), ready to run.</summary>
    Token Activate(FlowNode node, Token? scope, string? viaFlowId = null);

    /// <summary>The scope token waits while a token sets off from each of <paramref name="starts"/>.</summary>
    void EnterScope(Token scope, IReadOnlyList<FlowNode> starts);

    /// <summary>The scope's work is done: it leaves its activity by the outgoing flows.</summary>
    void LeaveScope(Token scope);

    /// <summary>Records that a token entered <paramref name="node"/> without passing the ready queue (an event subprocess's body).</summary>
    void RecordStarted(Token token, FlowNode node);

    /// <summary>The scope token a token runs inside, or null at process level.</summary>
    Token? ScopeOf(Token token);

    /// <summary>The tokens directly inside <paramref name="scope"/> (null: the process level).</summary>
    IEnumerable<Token> TokensIn(Token? scope);

    /// <summary>True while the token is still in the instance (not ended by an interrupting catch).</summary>
    bool IsActive(Token token);

    /// <summary>No other token of the join's scope sits where it could still reach <paramref name="join"/>.</summary>
    bool NothingUpstream(Token arrived, FlowNode join);

    // Guarded token state: a change that is not allowed from the token's state throws InvalidStateException.

    /// <summary>The token stops here until something from outside (or its scope's children) moves it on.</summary>
    void Wait(Token token);

    /// <summary>The token waits at a joining gateway for the tokens it synchronises with.</summary>
    void Join(Token token);

    /// <summary>A waiting or joining token runs again (it is not scheduled; the caller moves it on).</summary>
    void Resume(Token token);

    // Variables.

    /// <summary>The variables as seen from <see cref="PointOfView"/>: its scopes' locals, then the process's.</summary>
    IVariableResolver Variables { get; }

    /// <summary>The token whose point of view variable lookups and writes take (null: the process).</summary>
    Token? PointOfView { get; set; }

    IReadOnlyDictionary<string, object?> VisibleVariables();

    string? EvaluateText(string text);

    bool HasCondition(SequenceFlow flow);

    bool ConditionHolds(SequenceFlow flow);

    void SetVariable(string name, object? value, FlowNode? node);

    void SetVariables(IReadOnlyDictionary<string, object?> values, FlowNode? node);

    void SetVariablesFrom(Token pointOfView, IReadOnlyDictionary<string, object?> values, FlowNode? node);

    void SetLocalVariable(Token token, string name, object? value);

    // Work items: what waits for the outside world.

    void CreateTask(Token token, FlowNode node, string? assignee, IReadOnlyList<string> candidateUsers, IReadOnlyList<string> candidateGroups, DateTimeOffset? dueAt = null);

    void CancelTask(Token token);

    void CreateJob(Token token, FlowNode node, string topic, int retries);

    /// <summary>A job that no token is parked on by this call (a transaction coordinator's).</summary>
    JobRecord AddJob(string tokenId, FlowNode node, string topic, int retries, string? payload);

    void RemoveJob(Token token, bool completed);

    void RemoveJob(string jobId, bool completed);

    SubscriptionRecord Subscribe(Token token, FlowNode catching, EventDefinition definition);

    SubscriptionRecord Open(Token token, SubscriptionRecord subscription);

    void CloseSubscriptions(Token token);

    void OpenCatcher(Token? host, FlowNode catcher, EventDefinition trigger);

    void CloseCatcher(Token? host, FlowNode catcher);

    void ThrowSignal(string name);

    void PublishMessage(string name, string? correlationKey);

    string? CorrelationKeyOf(string? keyExpression);

    /// <summary>The token waits at its call activity until the called instance the engine starts for it ends.</summary>
    void Call(Token token, CallRequest request);

    /// <summary>The instance called for the token is cancelled with it.</summary>
    void CancelCalled(string calledInstanceId);

    /// <summary>This (called) instance ends by an error nobody caught: it goes on to the caller once the run ends.</summary>
    void ReportErrorToCaller(Events.ThrownError error);

    // Failing and history.

    /// <summary>Stops the token with an incident; the instance shows <c>failed</c> until it is retried or resolved.</summary>
    void Fail(Token token, FlowNode node, string code, string message);

    void Record(string type, FlowNode? node, Token? token, string? elementId, string? dataJson = null);
}
