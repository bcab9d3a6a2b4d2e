using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// What the executor needs to know about a model's scopes, worked out once per deployed definition: where
/// each subprocess starts, which event subprocesses listen in each scope, which nodes can still reach each
/// inclusive or complex join, where each link throw jumps to, each node's default flow, whether any conditional
/// event waits for variables to change. A flat process has none of these, so running it costs nothing extra.
/// </summary>
public sealed class ProcessStructure
{
    private static readonly IReadOnlyList<FlowNode> NoNodes = [];
    private static readonly IReadOnlyList<StartEvent> NoStarts = [];

    private readonly Dictionary<string, IReadOnlyList<FlowNode>> _starts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<StartEvent>> _eventSubProcessStarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _upstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowNode> _links = new(StringComparer.Ordinal);

    public ProcessStructure(BpmnProcess process)
    {
        Visit(process);
    }

    /// <summary>True when the model has an inclusive or complex gateway that joins (its waiting tokens are reconsidered).</summary>
    public bool HasInclusiveJoins => _upstream.Count > 0;

    /// <summary>True when a conditional event (catch, boundary, event subprocess start) waits for variables to change.</summary>
    public bool HasConditionalEvents { get; private set; }

    /// <summary>The flow a node takes when no condition of its other flows holds (activities and gateways have one), or null.</summary>
    public static SequenceFlow? DefaultFlowOf(FlowNode node) => node switch
    {
        Activity activity => activity.DefaultFlow,
        Gateway gateway => gateway.DefaultFlow,
        _ => null,
    };

    /// <summary>Where a token entering the subprocess starts: its none start event, else every node without incoming flow.</summary>
    public IReadOnlyList<FlowNode> StartsOf(SubProcess subProcess) => _starts.GetValueOrDefault(subProcess.Id, NoNodes);

    /// <summary>The start events of the event subprocesses directly inside a process or subprocess.</summary>
    public IReadOnlyList<StartEvent> EventSubProcessStartsIn(IFlowElementContainer container) =>
        _eventSubProcessStarts.GetValueOrDefault(container.Id, NoStarts);

    /// <summary>The nodes of the gateway's scope from which a token can still reach the inclusive or complex join.</summary>
    public IReadOnlySet<string> UpstreamOf(FlowNode inclusiveJoin) => _upstream[inclusiveJoin.Id];

    /// <summary>The link catch event a link throw event jumps to (validated at deploy: it exists).</summary>
    public FlowNode LinkTarget(FlowNode linkThrow) => _links[linkThrow.Id];

    private void Visit(IFlowElementContainer container)
    {
        var nodes = container.FlowElements.OfType<FlowNode>().ToList();
        if (container is SubProcess subProcess)
        {
            var noneStart = nodes.OfType<StartEvent>().FirstOrDefault(s => s.EventDefinitions.Count == 0);
            _starts[subProcess.Id] = subProcess.TriggeredByEvent
                ? NoNodes
                : noneStart is not null ? [noneStart] : nodes.Where(IsImplicitStart).ToList();
        }

        var eventStarts = nodes.OfType<SubProcess>().Where(s => s.TriggeredByEvent)
            .SelectMany(s => s.FlowElements.OfType<StartEvent>()).ToList();
        if (eventStarts.Count > 0)
        {
            _eventSubProcessStarts[container.Id] = eventStarts;
        }

        var catches = nodes.OfType<IntermediateCatchEvent>()
            .SelectMany(c => c.EventDefinitions.OfType<LinkEventDefinition>().Select(l => (l.Name, Node: (FlowNode)c)))
            .Where(c => c.Name is not null)
            .GroupBy(c => c.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Node, StringComparer.Ordinal);
        foreach (var thrower in nodes.OfType<IntermediateThrowEvent>())
        {
            if (thrower.Trigger is LinkEventDefinition { Name: { } name } && catches.TryGetValue(name, out var target))
            {
                _links[thrower.Id] = target;
            }
        }

        foreach (var join in nodes.Where(g => g is InclusiveGateway or ComplexGateway && g.Incoming.Count > 1))
        {
            _upstream[join.Id] = Upstream(join);
        }

        HasConditionalEvents |= nodes.Any(n => n switch
        {
            IntermediateCatchEvent c => c.Trigger is ConditionalEventDefinition,
            Activity a => a.BoundaryEvents.Any(b => b.Trigger is ConditionalEventDefinition),
            _ => false,
        }) || eventStarts.Any(s => s.Trigger is ConditionalEventDefinition);

        foreach (var inner in nodes.OfType<SubProcess>())
        {
            Visit(inner);
        }
    }

    private static bool IsImplicitStart(FlowNode node) => node.Incoming.Count == 0 && node switch
    {
        StartEvent or BoundaryEvent => false,
        SubProcess { TriggeredByEvent: true } => false,
        Activity { IsForCompensation: true } => false,
        IntermediateCatchEvent link when link.EventDefinitions.OfType<LinkEventDefinition>().Any() => false,
        _ => true,
    };

    /// <summary>
    /// Walks the flows backwards from the join within its scope. A boundary event's activity counts as
    /// upstream of what the boundary leads to: a token there may still leave by its boundary event.
    /// </summary>
    private static HashSet<string> Upstream(FlowNode join)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FlowNode>();
        pending.Push(join);
        while (pending.TryPop(out var node))
        {
            foreach (var flow in node.Incoming)
            {
                if (flow.Source is { } source && seen.Add(source.Id))
                {
                    pending.Push(source);
                }
            }

            if (node is BoundaryEvent { AttachedTo: { } host } && seen.Add(host.Id))
            {
                pending.Push(host);
            }
        }

        seen.Remove(join.Id);
        return seen;
    }
}
