using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnValidator
{
    private static void CheckEventSubProcessStart(SubProcess eventSubProcess, ProblemSeverity severity, List<BpmnProblem> problems)
    {
        var starts = eventSubProcess.FlowElements.OfType<StartEvent>().ToList();
        if (starts.Count == 0)
        {
            problems.Add(Problem(eventSubProcess, ProblemCodes.EventSubProcessStart,
                $"Event subprocess '{eventSubProcess.Id}' has no start event; it needs one start event with a trigger (message, timer, signal, error, escalation, conditional or compensation).",
                severity));
            return;
        }

        foreach (var start in starts.Where(s => s.EventDefinitions.Count == 0))
        {
            problems.Add(Problem(start, ProblemCodes.EventSubProcessStart,
                $"Start event '{start.Id}' of event subprocess '{eventSubProcess.Id}' has no trigger; the start event of an event subprocess must be a message, timer, signal, error, escalation, conditional or compensation start event.",
                severity));
        }

        foreach (var extra in starts.Skip(1))
        {
            problems.Add(Problem(extra, ProblemCodes.EventSubProcessStart,
                $"Event subprocess '{eventSubProcess.Id}' has more than one start event ('{starts[0].Id}' and '{extra.Id}'); it must have exactly one.",
                severity));
        }
    }

    /// <summary>A link throw jumps to the link catch of the same name in the same scope; without one the token is lost.</summary>
    private static void CheckLinks(IFlowElementContainer scope, ProblemSeverity severity, List<BpmnProblem> problems)
    {
        var catches = scope.FlowElements.OfType<IntermediateCatchEvent>()
            .SelectMany(c => c.EventDefinitions.OfType<LinkEventDefinition>())
            .Select(l => l.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var thrower in scope.FlowElements.OfType<IntermediateThrowEvent>())
        {
            foreach (var link in thrower.EventDefinitions.OfType<LinkEventDefinition>())
            {
                if (link.Name is null)
                {
                    problems.Add(Problem(thrower, ProblemCodes.LinkWithoutCatch,
                        $"Link throw event '{thrower.Id}' has no link name, so it cannot jump to a link catch event.", severity));
                }
                else if (!catches.Contains(link.Name))
                {
                    problems.Add(Problem(thrower, ProblemCodes.LinkWithoutCatch,
                        $"Link throw event '{thrower.Id}' jumps to link '{link.Name}', but no intermediate catch event in {ScopeName(scope)} is a link named '{link.Name}'.",
                        severity));
                }
            }
        }
    }

    /// <summary>
    /// Every flow node of a scope must be reachable along sequence flows from an entry point: a start event,
    /// a boundary event, an event subprocess, a compensation handler or a link catch. A scope without start
    /// events (allowed for subprocesses) starts at every node that has no incoming flow. Each scope is checked on
    /// its own; an unreachable subprocess is reported once, not with all its content.
    /// </summary>
    private static void CheckReachability(IFlowElementContainer scope, ProblemSeverity severity, List<BpmnProblem> problems)
    {
        if (scope is AdHocSubProcess)
        {
            return; // the activities of an ad-hoc subprocess need no flows by definition
        }

        var nodes = scope.FlowElements.OfType<FlowNode>().ToList();
        var hasStart = nodes.Any(n => n is StartEvent);
        var reached = new HashSet<FlowNode>();
        var queue = new Queue<FlowNode>();
        foreach (var node in nodes.Where(n => IsEntry(n, hasStart)))
        {
            reached.Add(node);
            queue.Enqueue(node);
        }

        while (queue.Count > 0)
        {
            foreach (var flow in queue.Dequeue().Outgoing)
            {
                if (flow.Target is { } target && reached.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        foreach (var node in nodes.Where(n => !reached.Contains(n)))
        {
            if (node.Incoming.Any(f => f.Source is null))
            {
                continue; // fed by a flow whose source dangles: that flow is reported, this would only echo it
            }

            problems.Add(Problem(node, ProblemCodes.UnreachableElement,
                node.Incoming.Count == 0
                    ? $"{Capitalised(Describe(node))} has no incoming sequence flow and is not a start event, so no token can reach it."
                    : $"{Capitalised(Describe(node))} cannot be reached: no path of sequence flows leads to it from a start event.",
                severity));
        }
    }

    private static bool IsEntry(FlowNode node, bool scopeHasStart) => node switch
    {
        StartEvent or BoundaryEvent => true,
        SubProcess { TriggeredByEvent: true } => true,
        Activity { IsForCompensation: true } => true,
        IntermediateCatchEvent link when link.EventDefinitions.OfType<LinkEventDefinition>().Any() => true,
        _ => !scopeHasStart && node.Incoming.Count == 0,
    };

    private static string ScopeName(IFlowElementContainer scope) =>
        scope is BpmnProcess ? $"process '{scope.Id}'" : $"subprocess '{scope.Id}'";
}
