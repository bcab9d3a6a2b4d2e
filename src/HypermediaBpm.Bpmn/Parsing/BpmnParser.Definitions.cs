using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    /// <summary>
    /// Root elements BPMN 2.0 defines that the model does not keep. They are valid, so they must not be
    /// reported as unknown; anything else in the BPMN namespace directly under definitions is schema-invalid.
    /// </summary>
    private static readonly HashSet<string> IgnoredRootElements = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "import", "extension", "category", "dataStore", "itemDefinition",
        "resource", "interface", "endPoint", "partnerEntity", "partnerRole", "correlationProperty", "relationship",
        "globalTask", "globalUserTask", "globalManualTask", "globalScriptTask", "globalBusinessRuleTask",
        "choreography", "globalChoreographyTask", "globalConversation",
    };

    private static readonly HashSet<string> EventDefinitionNames = new(StringComparer.Ordinal)
    {
        "timerEventDefinition", "messageEventDefinition", "signalEventDefinition", "errorEventDefinition",
        "escalationEventDefinition", "terminateEventDefinition", "cancelEventDefinition", "compensateEventDefinition",
        "linkEventDefinition", "conditionalEventDefinition",
    };

    private static BpmnDefinitions MapDefinitions(XElement root, ParseContext ctx)
    {
        var definitions = new BpmnDefinitions
        {
            Id = Attr(root, "id"),
            Name = Attr(root, "name"),
            TargetNamespace = Attr(root, "targetNamespace"),
            Exporter = Attr(root, "exporter"),
            ExporterVersion = Attr(root, "exporterVersion"),
            Position = PositionOf(root),
        };
        var ids = CollectIds(root, ctx);

        // Messages, signals, errors and escalations first: events read a message's Zeebe correlation key while
        // they are mapped, and the message may stand after the process in the file.
        foreach (var child in root.Elements().Where(IsModel))
        {
            MapReferencedRootElement(child, definitions, ctx);
        }

        foreach (var child in root.Elements())
        {
            if (child.Name == BpmnDi + "BPMNDiagram")
            {
                definitions.Diagrams.Add(MapDiagram(child, ids, ctx));
                continue;
            }

            if (!IsModel(child))
            {
                continue; // vendor elements outside extensionElements are tolerated, as every modeller does
            }

            var local = child.Name.LocalName;
            switch (local)
            {
                case "process":
                    definitions.Processes.Add(MapProcess(child, definitions, ctx));
                    break;
                case "collaboration":
                    definitions.Collaborations.Add(MapCollaboration(child, ctx));
                    break;
                case "message" or "signal" or "error" or "escalation":
                    break;
                default:
                    if (!IgnoredRootElements.Contains(local) && !EventDefinitionNames.Contains(local))
                    {
                        ctx.Error(ProblemCodes.UnknownElement,
                            $"<{child.Name.LocalName}> is not a BPMN 2.0 element that may stand directly under <definitions>; remove it or move it into extensionElements.",
                            child, Attr(child, "id"));
                    }

                    break;
            }
        }

        Resolve(definitions);
        return definitions;
    }

    private static void MapReferencedRootElement(XElement e, BpmnDefinitions definitions, ParseContext ctx)
    {
        var local = e.Name.LocalName;
        if (EventDefinitionNames.Contains(local) && Attr(e, "id") is { } definitionId)
        {
            ctx.RootEventDefinitions.TryAdd(definitionId, e);
            return;
        }

        if (local is not ("message" or "signal" or "error" or "escalation"))
        {
            return;
        }

        var id = ctx.IdOf(e, required: false);
        var name = Attr(e, "name");
        var position = PositionOf(e);
        switch (local)
        {
            case "message":
                var subscription = ZeebeExtension(e, "subscription");
                var message = new Message
                {
                    Id = id, ElementName = local, Position = position, Name = name,
                    CorrelationKey = subscription is null ? null : Attr(subscription, "correlationKey"),
                };
                definitions.Messages.TryAdd(id, ParseContext.Decorate(message, e));
                break;
            case "signal":
                definitions.Signals.TryAdd(id, ParseContext.Decorate(new Signal { Id = id, ElementName = local, Position = position, Name = name }, e));
                break;
            case "error":
                var error = new Error { Id = id, ElementName = local, Position = position, Name = name, ErrorCode = Attr(e, "errorCode") };
                definitions.Errors.TryAdd(id, ParseContext.Decorate(error, e));
                break;
            default:
                var escalation = new Escalation { Id = id, ElementName = local, Position = position, Name = name, EscalationCode = Attr(e, "escalationCode") };
                definitions.Escalations.TryAdd(id, ParseContext.Decorate(escalation, e));
                break;
        }
    }

    /// <summary>
    /// Every id of a BPMN or BPMN DI element, in document order, reporting each repeat. Vendor elements and
    /// extensionElements are skipped: their ids follow other rules (ADONIS reuses process ids there).
    /// </summary>
    private static Dictionary<string, XElement> CollectIds(XElement root, ParseContext ctx)
    {
        var seen = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var stack = new Stack<XElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (Attr(e, "id") is { } id && !seen.TryAdd(id, e))
            {
                var first = seen[id];
                ctx.Error(ProblemCodes.DuplicateId,
                    $"The id '{id}' is used twice: by the {first.Name.LocalName} at {PositionOf(first)} and by this {e.Name.LocalName}. Every id in a BPMN file must be unique.",
                    e, id);
            }

            // Pushed in reverse so they pop in document order, and the first occurrence is the one kept.
            foreach (var child in e.Elements().Reverse())
            {
                var ns = child.Name.Namespace;
                if ((ns == ModelNs && child.Name != ExtensionElements) || ns == BpmnDi)
                {
                    stack.Push(child);
                }
            }
        }

        return seen;
    }

    private static BpmnProcess MapProcess(XElement e, BpmnDefinitions definitions, ParseContext ctx)
    {
        var process = new BpmnProcess
        {
            Id = ctx.IdOf(e, required: true),
            ElementName = e.Name.LocalName,
            Position = PositionOf(e),
            Name = Attr(e, "name"),

            // Camunda 7 deploys a process whose isExecutable is missing (it only logs); only an explicit false opts out.
            IsExecutable = ctx.Bool(e, "isExecutable", fallback: true),
        };
        ParseContext.Decorate(process, e);
        process.CandidateStarterGroups.AddRange(SplitList(CamundaAttr(e, "candidateStarterGroups")));
        process.CandidateStarterUsers.AddRange(SplitList(CamundaAttr(e, "candidateStarterUsers")));
        process.HistoryTimeToLive = HistoryTimeToLive.Parse(e, process.Id, ctx);
        foreach (var lane in e.Elements(ModelNs + "laneSet").Elements(ModelNs + "lane"))
        {
            process.Lanes.Add(MapLane(lane, ctx, depth: 1));
        }

        MapFlowElements(e, process, process, definitions, ctx, depth: 0);
        return process;
    }

    private static Lane MapLane(XElement e, ParseContext ctx, int depth)
    {
        var lane = new Lane { Id = ctx.IdOf(e, required: false), ElementName = e.Name.LocalName, Position = PositionOf(e), Name = Attr(e, "name") };
        ParseContext.Decorate(lane, e);
        foreach (var reference in e.Elements(ModelNs + "flowNodeRef"))
        {
            if (Text(reference) is { } nodeId)
            {
                lane.FlowNodeRefs.Add(nodeId);
            }
        }

        var children = e.Elements(ModelNs + "childLaneSet").Elements(ModelNs + "lane").ToList();
        if (children.Count > 0 && depth >= ParseContext.MaxNesting)
        {
            ctx.Error(ProblemCodes.NestingTooDeep, $"Lanes are nested more than {ParseContext.MaxNesting} levels deep here; the inner lanes are not read.", e, lane.Id);
            return lane;
        }

        foreach (var child in children)
        {
            lane.ChildLanes.Add(MapLane(child, ctx, depth + 1));
        }

        return lane;
    }

    private static Collaboration MapCollaboration(XElement e, ParseContext ctx)
    {
        var collaboration = new Collaboration { Id = ctx.IdOf(e, required: false), ElementName = e.Name.LocalName, Position = PositionOf(e), Name = Attr(e, "name") };
        ParseContext.Decorate(collaboration, e);
        foreach (var child in e.Elements().Where(IsModel))
        {
            switch (child.Name.LocalName)
            {
                case "participant":
                    var participant = new Participant
                    {
                        Id = ctx.IdOf(child, required: false), ElementName = "participant", Position = PositionOf(child),
                        Name = Attr(child, "name"), ProcessRef = RefAttr(child, "processRef"),
                    };
                    collaboration.Participants.Add(ParseContext.Decorate(participant, child));
                    break;
                case "messageFlow":
                    var flow = new MessageFlow
                    {
                        Id = ctx.IdOf(child, required: false), ElementName = "messageFlow", Position = PositionOf(child),
                        Name = Attr(child, "name"), SourceRef = RefAttr(child, "sourceRef") ?? string.Empty,
                        TargetRef = RefAttr(child, "targetRef") ?? string.Empty, MessageRef = RefAttr(child, "messageRef"),
                    };
                    collaboration.MessageFlows.Add(ParseContext.Decorate(flow, child));
                    break;
                case "textAnnotation" or "association" or "group":
                    collaboration.Artifacts.Add(MapArtifact(child, ctx));
                    break;
            }
        }

        return collaboration;
    }
}
