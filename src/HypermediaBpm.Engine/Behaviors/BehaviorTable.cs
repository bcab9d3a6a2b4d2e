using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Behaviors.Gateways;
using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Scripting;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// The one table of what the engine runs: element type → behaviour. An element whose type is not here, or whose
/// behaviour refuses its variant, is rejected at deploy time with its line and column. Every activity's behaviour is
/// wrapped in an <see cref="ActivityBehavior"/> (boundary events, loops, compensation), so the executor never asks what
/// kind of element a node is.
/// </summary>
public sealed class BehaviorTable : IElementRules
{
    private readonly Dictionary<Type, IFlowNodeBehavior> _byType;
    private readonly List<IVariablesObserver> _observers;

    public BehaviorTable(IScriptRunner scripts, ScriptLimits scriptLimits)
    {
        Catching = new Catching(new EventTriggerTable());
        Compensation = new Compensation();
        var loops = new MultiInstanceBehavior();
        var conditions = new ConditionalEvents(Catching);
        var subProcess = new SubProcessBehavior(Catching, conditions);
        Transactions = new TransactionBehavior(subProcess, Catching, Compensation);
        Process = new ProcessScope(Catching);
        var passThrough = new PassThroughBehavior();
        var external = new ExternalTaskBehavior();
        IFlowNodeBehavior Activity(IFlowNodeBehavior inner) => new ActivityBehavior(inner, Catching, loops, Compensation, conditions);
        _byType = new Dictionary<Type, IFlowNodeBehavior>
        {
            [typeof(StartEvent)] = new StartEventBehavior(Catching, conditions),
            [typeof(EndEvent)] = new EndEventBehavior(Catching, Compensation, Transactions),
            [typeof(BoundaryEvent)] = new BoundaryEventBehavior(Catching),
            [typeof(IntermediateThrowEvent)] = new IntermediateThrowEventBehavior(Catching, Compensation),
            [typeof(IntermediateCatchEvent)] = new IntermediateCatchEventBehavior(),
            [typeof(SubProcess)] = Activity(subProcess),
            [typeof(TransactionSubProcess)] = Activity(Transactions),
            [typeof(CallActivity)] = Activity(new CallActivityBehavior()),
            [typeof(TaskActivity)] = Activity(passThrough),
            [typeof(ManualTask)] = Activity(passThrough),
            [typeof(UserTask)] = Activity(new UserTaskBehavior()),
            [typeof(ScriptTask)] = Activity(new ScriptTaskBehavior(scripts, scriptLimits)),
            [typeof(ReceiveTask)] = Activity(new ReceiveTaskBehavior()),
            [typeof(ServiceTask)] = Activity(external),
            [typeof(SendTask)] = Activity(external),
            [typeof(BusinessRuleTask)] = Activity(external),
            [typeof(ExclusiveGateway)] = new ExclusiveGatewayBehavior(),
            [typeof(ParallelGateway)] = new ParallelGatewayBehavior(),
            [typeof(InclusiveGateway)] = new InclusiveGatewayBehavior(),
            [typeof(ComplexGateway)] = new ComplexGatewayBehavior(),
            [typeof(EventBasedGateway)] = new EventBasedGatewayBehavior(),
        };
        _observers = [conditions];
    }

    /// <summary>Catchers: boundary events, event subprocesses, the error and escalation walk.</summary>
    public Catching Catching { get; }

    /// <summary>What boundary events and event subprocess starts can be triggered by.</summary>
    public EventTriggerTable Triggers => Catching.Triggers;

    public Compensation Compensation { get; }

    /// <summary><c>transaction</c> subprocesses: what the engine asks of them from outside a run (coordinator outcomes, enlisting).</summary>
    public TransactionBehavior Transactions { get; }

    /// <summary>The process as a scope (its event subprocesses).</summary>
    public ProcessScope Process { get; }

    /// <summary>Who waits for variables to change.</summary>
    public IReadOnlyList<IVariablesObserver> VariablesObservers => _observers;

    /// <summary>The element names the engine runs, for documentation and error messages.</summary>
    public IEnumerable<string> SupportedElementNames => _byType.Keys.Select(t => t.Name);

    public IFlowNodeBehavior For(FlowNode node) =>
        _byType.TryGetValue(node.GetType(), out var behavior)
            ? behavior
            : throw new InvalidOperationException($"No behaviour for {node.ElementName}; deployment validation should have refused it.");

    public string? WhyUnsupported(FlowNode node) =>
        _byType.TryGetValue(node.GetType(), out var behavior)
            ? behavior.WhyUnsupported(node)
            : $"'{node.DisplayName}' is a {node.ElementName}, which this engine does not run yet.";

    public void CheckDetails(FlowNode node, List<ValidationError> errors)
    {
        if (node is ServiceTask service && ExternalTaskBehavior.IsHttp(service))
        {
            HttpConnectorValidation.Check(service, errors);
        }
    }
}
