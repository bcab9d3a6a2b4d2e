using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Behaviors.Gateways;
using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Engine.Triggers;

namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// The one table of what the engine runs: element type → behaviour. An element whose type is not here,
/// or whose behaviour refuses its variant, is rejected at deploy time with its line and column.
/// </summary>
public sealed class BehaviorTable
{
    private readonly Dictionary<Type, IFlowNodeBehavior> _byType;

    public BehaviorTable(IScriptRunner scripts, ScriptLimits scriptLimits)
    {
        var passThrough = new PassThroughBehavior();
        Triggers = new EventTriggerTable();
        var external = new ExternalTaskBehavior();
        var subProcess = new SubProcessBehavior();
        _byType = new Dictionary<Type, IFlowNodeBehavior>
        {
            [typeof(StartEvent)] = new StartEventBehavior(Triggers),
            [typeof(EndEvent)] = new EndEventBehavior(),
            [typeof(BoundaryEvent)] = new BoundaryEventBehavior(Triggers),
            [typeof(IntermediateThrowEvent)] = new IntermediateThrowEventBehavior(),
            [typeof(IntermediateCatchEvent)] = new IntermediateCatchEventBehavior(),
            [typeof(SubProcess)] = subProcess,
            [typeof(TransactionSubProcess)] = new TransactionBehavior(subProcess),
            [typeof(CallActivity)] = new CallActivityBehavior(),
            [typeof(TaskActivity)] = passThrough,
            [typeof(ManualTask)] = passThrough,
            [typeof(UserTask)] = new UserTaskBehavior(),
            [typeof(ScriptTask)] = new ScriptTaskBehavior(scripts, scriptLimits),
            [typeof(ExclusiveGateway)] = new ExclusiveGatewayBehavior(),
            [typeof(ParallelGateway)] = new ParallelGatewayBehavior(),
            [typeof(InclusiveGateway)] = new InclusiveGatewayBehavior(),
            [typeof(EventBasedGateway)] = new EventBasedGatewayBehavior(),
            [typeof(ReceiveTask)] = new ReceiveTaskBehavior(),
            [typeof(ServiceTask)] = external,
            [typeof(SendTask)] = external,
            [typeof(BusinessRuleTask)] = external,
        };
    }

    /// <summary>What boundary events and event subprocess starts can be triggered by.</summary>
    public EventTriggerTable Triggers { get; }

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
}
