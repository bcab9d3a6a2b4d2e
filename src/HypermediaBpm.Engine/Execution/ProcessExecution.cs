using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// One command's run over one instance: an agenda of ready tokens worked off iteratively (never
/// recursively, so long loops cannot overflow the stack) until every token waits. It knows no element
/// types: each node's behaviour comes from the <see cref="BehaviorTable"/>. What it produces (tasks,
/// history) is collected here and committed by the caller in one transaction.
/// </summary>
public sealed partial class ProcessExecution
{
    /// <summary>Guards against models that loop without ever waiting.</summary>
    public const int MaxStepsPerCommand = 50_000;

    private static readonly VariableSizeLimit DefaultVariableLimit = new(EngineOptions.DefaultMaxVariableBytes);

    private readonly BehaviorTable _behaviors;
    private readonly Queue<Token> _agenda = new();
    private readonly HashSet<Token> _removed = new();

    /// <summary>Tokens whose activity started in this command: where their start event is in <see cref="History"/>.</summary>
    private readonly Dictionary<Token, int> _startedHere = new();

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

    public InstanceVariables Variables { get; }

    /// <summary>The bound every variable this run writes is held to (the engine's <see cref="EngineOptions.MaxVariableBytes"/>).</summary>
    public VariableSizeLimit VariableLimit { get; init; } = DefaultVariableLimit;

    /// <summary>Tasks created or changed by this run.</summary>
    public List<TaskRecord> Tasks { get; } = new();

    /// <summary>Ids of tasks whose tokens were withdrawn; the caller marks them cancelled.</summary>
    public List<string> CancelledTaskIds { get; } = new();

    public List<HistoryEvent> History { get; } = new();

    /// <summary>Starts the instance at <paramref name="start"/> and runs until every token waits.</summary>
    public void Start(StartEvent start)
    {
        Record(HistoryTypes.InstanceStarted, null, null, null);
        OpenEventSubProcesses(null, Process.Process);
        Schedule(Instance.NewToken(start.Id, null, Now));
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

    private void Run()
    {
        var steps = 0;
        do
        {
            while (_agenda.TryDequeue(out var token))
            {
                if (token.State != TokenState.Ready || _removed.Contains(token))
                {
                    continue;
                }

                var node = Process.Node(token.ActivityId);
                if (++steps > MaxStepsPerCommand)
                {
                    Fail(token, node, "TOO_MANY_STEPS", $"The instance took more than {MaxStepsPerCommand} steps without waiting; the model loops.");
                    continue;
                }

                _startedHere[token] = History.Count;
                Record(HistoryTypes.ActivityStarted, node, token, token.ViaFlowId);
                Variables.Current = token;
                Guarded(token, node, () => Enter(token, node));
            }
        }
        while (Process.Structure.HasInclusiveJoins && ReconsiderJoins());
    }

    /// <summary>
    /// A token arrived: an activity with boundary events opens them, a loop activity becomes the body of its
    /// instances; otherwise (the usual case) the node's behaviour runs.
    /// </summary>
    private void Enter(Token token, FlowNode node)
    {
        if (node is Activity activity && token.LoopCounter is null)
        {
            if (activity.BoundaryEvents.Count > 0)
            {
                OpenBoundaries(token, activity);
            }

            if (activity.LoopCharacteristics is not null)
            {
                BeginLoop(token, activity);
                return;
            }
        }

        _behaviors.For(node).Execute(this, token, node);
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
        _agenda.Enqueue(token);
    }
}
