using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// The executor: one command's run over one instance. A queue of ready tokens is worked off iteratively (never
/// recursively, so long loops cannot overflow the stack) until every token waits; each token that comes up enters its
/// node, whose behaviour (from the <see cref="BehaviorTable"/>) decides what happens, through the narrow
/// <see cref="IBehaviorContext"/> this class implements. It knows no element types. What the run produces is collected
/// in <see cref="Effects"/> and committed by the engine in one transaction.
/// </summary>
public sealed partial class ProcessExecution : IBehaviorContext
{
    /// <summary>Guards against models that loop without ever waiting.</summary>
    public const int MaxStepsPerCommand = IBehaviorContext.MaxStepsPerCommand;

    private static readonly VariableSizeLimit DefaultVariableLimit = new(VariableSizeLimit.DefaultMaxBytes);

    private readonly BehaviorTable _behaviors;
    private readonly Queue<Token> _ready = new();
    private readonly HashSet<Token> _removed = new();

    /// <summary>Tokens whose activity started in this command: where their start event is in the history.</summary>
    private readonly Dictionary<Token, int> _startedHere = new();

    private int _steps;
    private bool _variablesChanged;

    public ProcessExecution(ProcessInstance instance, DeployedProcess process, BehaviorTable behaviors, DateTimeOffset now, string? user)
    {
        Instance = instance;
        Process = process;
        _behaviors = behaviors;
        Now = now;
        User = user;
        Variables = new InstanceVariables(instance);
    }

    public ProcessInstance Instance { get; }

    public DeployedProcess Process { get; }

    public DateTimeOffset Now { get; }

    public string? User { get; }

    public BehaviorTable Behaviors => _behaviors;

    public InstanceVariables Variables { get; }

    IVariableResolver IBehaviorContext.Variables => Variables;

    public Token? PointOfView
    {
        get => Variables.Current;
        set => Variables.Current = value;
    }

    /// <summary>The bound every variable this run writes is held to (the engine's <see cref="EngineOptions.MaxVariableBytes"/>).</summary>
    public VariableSizeLimit VariableLimit { get; init; } = DefaultVariableLimit;

    /// <summary>What this run produced, for the store and for other instances.</summary>
    public RunEffects Effects { get; } = new();

    /// <summary>Starts the instance at <paramref name="start"/> and runs until every token waits.</summary>
    public void Start(FlowNode start)
    {
        Record(HistoryTypes.InstanceStarted, null, null, null);
        _behaviors.Process.Started(this);
        Activate(start, null);
        Run();
    }

    /// <summary>Wakes a waiting token (its task was completed) and runs until every token waits again.</summary>
    public void Trigger(Token token, IReadOnlyDictionary<string, object?> variables)
    {
        var node = Process.Node(token.ActivityId);
        token.State = TokenState.Ready;
        token.WorkItemId = null;
        Variables.Current = token;
        Guarded(token, node, () => _behaviors.For(node).Trigger(this, token, node, variables));
        Run();
    }

    /// <summary>Works the ready tokens off; then asks waiting joins and variable observers whether they can move now.</summary>
    private void Run()
    {
        do
        {
            while (_ready.TryDequeue(out var token))
            {
                if (token.State != TokenState.Ready || _removed.Contains(token))
                {
                    continue;
                }

                var node = Process.Node(token.ActivityId);
                if (++_steps > MaxStepsPerCommand)
                {
                    Fail(token, node, "TOO_MANY_STEPS", $"The instance took more than {MaxStepsPerCommand} steps without waiting; the model loops.");
                    continue;
                }

                _startedHere[token] = Effects.History.Count;
                Record(HistoryTypes.ActivityStarted, node, token, token.ViaFlowId);
                Variables.Current = token;
                Guarded(token, node, () => _behaviors.For(node).Execute(this, token, node));
            }
        }
        while ((Process.Structure.HasInclusiveJoins && ReconsiderJoins()) || ObserveVariables());
    }

    private void Guarded(Token token, FlowNode node, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not (InvalidStateException or ConcurrencyConflictException or OperationCanceledException))
        {
            // A failing script or expression is the model's problem, not the request's: the token stops
            // here with an incident that a person can retry once the cause is fixed.
            var code = ex is EngineException engine ? engine.Code : "ACTIVITY_FAILED";
            Fail(token, node, code, ex.Message);
        }
    }

    private void Schedule(Token token)
    {
        token.State = TokenState.Ready;
        _ready.Enqueue(token);
    }

    /// <summary>
    /// Once nothing is ready: a token that ended elsewhere may have been the last one a join was waiting for. Schedules
    /// one such join again; the caller runs the queue and asks again.
    /// </summary>
    private bool ReconsiderJoins()
    {
        foreach (var token in Instance.Tokens)
        {
            if (token.State == TokenState.Joining && _behaviors.For(Process.Node(token.ActivityId)) is IJoinBehavior join
                && join.CanFire(this, token, Process.Node(token.ActivityId)))
            {
                Schedule(token);
                return true;
            }
        }

        return false;
    }

    /// <summary>Once nothing is ready and variables changed since the last look: whoever waits for a change may move now.</summary>
    private bool ObserveVariables()
    {
        if (!_variablesChanged || Instance.IsEnded)
        {
            return false;
        }

        _variablesChanged = false;
        var moved = false;
        foreach (var observer in _behaviors.VariablesObservers)
        {
            var saved = Variables.Current;
            moved |= observer.VariablesChanged(this);
            Variables.Current = saved;
        }

        return moved;
    }
}
