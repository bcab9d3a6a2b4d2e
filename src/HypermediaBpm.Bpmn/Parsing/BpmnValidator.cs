using System.Text;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>
/// Structural checks on a parsed model: references that point at nothing, flows an event subprocess may not
/// have, elements no token can reach, and so on. <see cref="BpmnParser"/> runs it; it reports every problem,
/// never only the first.
/// </summary>
/// <remarks>
/// Broken references are errors wherever they occur. Checks about how a process would run (start events,
/// reachability, gateways without exits, links) are errors in executable processes and warnings in processes
/// marked <c>isExecutable="false"</c>, which modelling tools export as drawings.
/// </remarks>
public static partial class BpmnValidator
{
    /// <summary>Checks the model and returns the problems found, in model order.</summary>
    /// <param name="definitions">A model, normally from <see cref="BpmnParser"/> (references already resolved).</param>
    /// <returns>Every problem, each located at the element it is about.</returns>
    public static IReadOnlyList<BpmnProblem> Validate(BpmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var problems = new List<BpmnProblem>();
        if (definitions.Processes.Count == 0)
        {
            var at = definitions.Position;
            problems.Add(new BpmnProblem(ProblemCodes.NoProcess, "The document defines no process, so there is nothing to run.",
                Math.Max(1, at.Line), Math.Max(1, at.Column), definitions.Id));
        }

        foreach (var process in definitions.Processes)
        {
            ValidateProcess(process, problems);
        }

        ValidateCollaborations(definitions, problems);
        return problems;
    }

    private static void ValidateProcess(BpmnProcess process, List<BpmnProblem> problems)
    {
        var elements = ModelWalk.AllFlowElements(process).ToList();
        if (!elements.OfType<FlowNode>().Any())
        {
            return; // an empty process (a black-box pool's, or a placeholder) has nothing to check
        }

        var runSeverity = process.IsExecutable ? ProblemSeverity.Error : ProblemSeverity.Warning;
        if (!process.FlowElements.OfType<StartEvent>().Any())
        {
            problems.Add(Problem(process, ProblemCodes.NoStartEvent,
                $"Process '{process.Id}' has no start event at its top level, so it cannot be started.", runSeverity));
        }

        foreach (var element in elements)
        {
            switch (element)
            {
                case SequenceFlow flow:
                    CheckSequenceFlow(flow, process, problems);
                    break;
                case Event ev:
                    CheckEvent(ev, process, problems);
                    break;
                case SendTask { MessageRef: { } sendRef, Message: null } send:
                    problems.Add(Problem(send, ProblemCodes.DanglingReference,
                        $"Send task '{send.Id}' sends message '{sendRef}', but the document defines no such message.", ProblemSeverity.Error));
                    break;
                case ReceiveTask { MessageRef: { } receiveRef, Message: null } receive:
                    problems.Add(Problem(receive, ProblemCodes.DanglingReference,
                        $"Receive task '{receive.Id}' waits for message '{receiveRef}', but the document defines no such message.", ProblemSeverity.Error));
                    break;
            }

            CheckDefaultFlow(element, process, problems);
            if (element is Gateway { Outgoing.Count: 0 } gateway)
            {
                problems.Add(Problem(gateway, ProblemCodes.NoOutgoingFlow,
                    $"{Capitalised(Describe(gateway))} has no outgoing sequence flow, so a token that reaches it can go nowhere.", runSeverity));
            }

            if (element is SubProcess { TriggeredByEvent: true } eventSubProcess)
            {
                CheckEventSubProcessStart(eventSubProcess, runSeverity, problems);
            }
        }

        foreach (var scope in ModelWalk.Scopes(process))
        {
            CheckLinks(scope, runSeverity, problems);
            CheckReachability(scope, runSeverity, problems);
        }
    }

    private static void CheckSequenceFlow(SequenceFlow flow, BpmnProcess process, List<BpmnProblem> problems)
    {
        CheckFlowEnd(flow, flow.SourceRef, flow.Source, "source", process, problems);
        CheckFlowEnd(flow, flow.TargetRef, flow.Target, "target", process, problems);
        var crossing = flow.Source is { } source && source.Container != flow.Container ? source
            : flow.Target is { } target && target.Container != flow.Container ? target : null;
        if (crossing is not null)
        {
            problems.Add(Problem(flow, ProblemCodes.FlowCrossesScope,
                $"Sequence flow '{flow.Id}' connects to {Describe(crossing)}, which is in another process or subprocess; a sequence flow cannot cross a subprocess boundary.",
                ProblemSeverity.Error));
        }

        if (flow.Target is SubProcess { TriggeredByEvent: true } into)
        {
            problems.Add(Problem(flow, ProblemCodes.EventSubProcessFlow,
                $"Sequence flow '{flow.Id}' leads into event subprocess '{into.Id}'; an event subprocess is started only by its start event's trigger and cannot have incoming sequence flows.",
                ProblemSeverity.Error));
        }

        if (flow.Source is SubProcess { TriggeredByEvent: true } outOf)
        {
            problems.Add(Problem(flow, ProblemCodes.EventSubProcessFlow,
                $"Sequence flow '{flow.Id}' leaves event subprocess '{outOf.Id}'; an event subprocess cannot have outgoing sequence flows.",
                ProblemSeverity.Error));
        }
    }

    private static void CheckFlowEnd(SequenceFlow flow, string reference, FlowNode? resolved, string end, BpmnProcess process, List<BpmnProblem> problems)
    {
        if (resolved is not null)
        {
            return;
        }

        var message = reference.Length == 0
            ? $"Sequence flow '{flow.Id}' has no {end}Ref, so it is not connected at its {end}."
            : process.ElementsById.TryGetValue(reference, out var other)
                ? $"Sequence flow '{flow.Id}' points to '{reference}' as its {end}, but that is {Article(other.ElementName)}, which a sequence flow cannot connect."
                : $"Sequence flow '{flow.Id}' points to '{reference}' as its {end}, but there is no such element in process '{process.Id}'.";
        problems.Add(Problem(flow, ProblemCodes.DanglingReference, message, ProblemSeverity.Error));
    }

    private static void CheckDefaultFlow(FlowElement element, BpmnProcess process, List<BpmnProblem> problems)
    {
        var (reference, resolved) = element switch
        {
            Activity activity => (activity.DefaultFlowRef, activity.DefaultFlow),
            Gateway gateway => (gateway.DefaultFlowRef, gateway.DefaultFlow),
            _ => (null, null),
        };
        if (reference is null || resolved is not null)
        {
            return;
        }

        var message = process.ElementsById.TryGetValue(reference, out var named) && named is SequenceFlow
            ? $"The default flow '{reference}' of {Describe(element)} is not one of its outgoing sequence flows."
            : $"{Capitalised(Describe(element))} names '{reference}' as its default flow, but there is no such sequence flow.";
        problems.Add(Problem(element, ProblemCodes.DanglingReference, message, ProblemSeverity.Error));
    }

    private static void CheckEvent(Event ev, BpmnProcess process, List<BpmnProblem> problems)
    {
        if (ev is BoundaryEvent boundary && boundary.AttachedTo is null)
        {
            if (boundary.AttachedToRef.Length == 0)
            {
                problems.Add(Problem(boundary, ProblemCodes.DanglingReference,
                    $"Boundary event '{boundary.Id}' has no attachedToRef, so it is attached to nothing.", ProblemSeverity.Error));
            }
            else if (process.ElementsById.TryGetValue(boundary.AttachedToRef, out var host))
            {
                problems.Add(Problem(boundary, ProblemCodes.BoundaryNotOnActivity,
                    $"Boundary event '{boundary.Id}' is attached to {Describe(host)}; boundary events can only be attached to tasks, subprocesses and call activities.",
                    ProblemSeverity.Error));
            }
            else
            {
                problems.Add(Problem(boundary, ProblemCodes.DanglingReference,
                    $"Boundary event '{boundary.Id}' is attached to '{boundary.AttachedToRef}', but there is no such element in process '{process.Id}'.",
                    ProblemSeverity.Error));
            }
        }

        foreach (var definition in ev.EventDefinitions)
        {
            var (kind, reference) = definition switch
            {
                MessageEventDefinition { MessageRef: { } r, Message: null } => ("message", r),
                SignalEventDefinition { SignalRef: { } r, Signal: null } => ("signal", r),
                ErrorEventDefinition { ErrorRef: { } r, Error: null } => ("error", r),
                EscalationEventDefinition { EscalationRef: { } r, Escalation: null } => ("escalation", r),
                CompensateEventDefinition { ActivityRef: { } r } when process.ElementsById.GetValueOrDefault(r) is not Activity => ("activity", r),
                _ => (null, null),
            };
            if (kind is null)
            {
                continue;
            }

            var at = definition.Position.Line > 0 ? definition.Position : ev.Position;
            var where = kind == "activity" ? $"process '{process.Id}' has" : "the document defines";
            problems.Add(new BpmnProblem(ProblemCodes.DanglingReference,
                $"{Capitalised(Describe(ev))} refers to {kind} '{reference}', but {where} no such {kind}.",
                at.Line, at.Column, ev.Id));
        }
    }

    private static void ValidateCollaborations(BpmnDefinitions definitions, List<BpmnProblem> problems)
    {
        var processIds = definitions.Processes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var participant in definitions.Collaborations.SelectMany(c => c.Participants))
        {
            if (participant.ProcessRef is { } processRef && !processIds.Contains(processRef))
            {
                problems.Add(Problem(participant, ProblemCodes.DanglingReference,
                    $"Pool (participant) '{participant.Id}' refers to process '{processRef}', but the document defines no such process.", ProblemSeverity.Error));
            }
        }
    }

    private static BpmnProblem Problem(BaseElement element, string code, string message, ProblemSeverity severity) =>
        new(code, message, Math.Max(1, element.Position.Line), Math.Max(1, element.Position.Column), element.Id, severity);

    /// <summary>"exclusive gateway 'Gateway_1'": the element kind in words, then its id.</summary>
    private static string Describe(BaseElement element) => $"{Words(element.ElementName)} '{element.Id}'";

    private static string Article(string elementName)
    {
        var words = Words(elementName);
        return ("aeiou".Contains(words[0]) ? "an " : "a ") + words;
    }

    /// <summary>"userTask" → "user task", "subProcess" → "subprocess".</summary>
    private static string Words(string camelCase)
    {
        switch (camelCase)
        {
            case "subProcess":
                return "subprocess";
            case "adHocSubProcess":
                return "ad-hoc subprocess";
        }

        var text = new StringBuilder(camelCase.Length + 4);
        foreach (var c in camelCase)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.Length == 0 ? "element" : text.ToString();
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
