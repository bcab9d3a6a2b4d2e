using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    /// <summary>
    /// Children of a process or subprocess in the BPMN namespace that are not flow elements (the schema's
    /// non-flow parts of tProcess, tSubProcess, tActivity and tFlowNode). They are read elsewhere or not needed.
    /// </summary>
    private static readonly HashSet<string> NonFlowChildren = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "auditing", "monitoring", "categoryValueRef", "laneSet",
        "ioSpecification", "ioBinding", "property", "supports", "supportedInterfaceRef", "correlationSubscription",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "incoming", "outgoing",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "dataInputAssociation",
        "dataOutputAssociation", "completionCondition",
    };

    /// <summary>Flow elements BPMN defines that this model has no class for; they become <see cref="UnknownFlowNode"/> silently.</summary>
    private static readonly HashSet<string> KnownUnmodelledFlowElements = new(StringComparer.Ordinal)
    {
        "choreographyTask", "callChoreography", "subChoreography", "implicitThrowEvent",
    };

    private static void MapFlowElements(XElement scope, IFlowElementContainer container, BpmnProcess process, BpmnDefinitions definitions, ParseContext ctx, int depth)
    {
        foreach (var child in scope.Elements().Where(IsModel))
        {
            var local = child.Name.LocalName;
            if (NonFlowChildren.Contains(local))
            {
                continue;
            }

            FlowElement element = local switch
            {
                "sequenceFlow" => MapSequenceFlow(child, ctx),
                "dataObject" or "dataObjectReference" or "dataStoreReference" or "textAnnotation" or "association" or "group" => MapArtifact(child, ctx),
                "task" or "userTask" or "manualTask" or "scriptTask" or "serviceTask" or "sendTask" or "receiveTask" or "businessRuleTask" => MapTask(child, local, ctx),
                "subProcess" or "transaction" or "adHocSubProcess" => MapSubProcess(child, local, process, definitions, ctx, depth),
                "callActivity" => MapCallActivity(child, ctx),
                "exclusiveGateway" or "parallelGateway" or "inclusiveGateway" or "eventBasedGateway" or "complexGateway" => MapGateway(child, local, ctx),
                "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" or "boundaryEvent" => MapEvent(child, local, definitions, ctx),
                _ => MapUnknown(child, local, ctx),
            };
            element.Container = container;
            container.FlowElements.Add(element);

            // A repeated id is already reported by CollectIds; the first element keeps it.
            process.ElementsById.TryAdd(element.Id, element);
        }
    }

    private static UnknownFlowNode MapUnknown(XElement e, string local, ParseContext ctx)
    {
        if (!KnownUnmodelledFlowElements.Contains(local))
        {
            ctx.Warning(ProblemCodes.UnknownElement,
                $"<{local}> is not a BPMN 2.0 flow element; it is kept as an unknown element and no process with it can run.", e, Attr(e, "id"));
        }

        var node = new UnknownFlowNode { Id = ctx.IdOf(e, required: false), ElementName = local, Position = PositionOf(e), Name = Attr(e, "name") };
        return ParseContext.Decorate(node, e);
    }

    private static SequenceFlow MapSequenceFlow(XElement e, ParseContext ctx)
    {
        var condition = Child(e, "conditionExpression");
        var flow = new SequenceFlow
        {
            Id = ctx.IdOf(e, required: false),
            ElementName = e.Name.LocalName,
            Position = PositionOf(e),
            Name = Attr(e, "name"),
            SourceRef = Attr(e, "sourceRef") ?? string.Empty,
            TargetRef = Attr(e, "targetRef") ?? string.Empty,
            ConditionExpression = Text(condition),
            ConditionPosition = condition is null ? default : PositionOf(condition),
            ConditionLanguage = condition is null ? null : Attr(condition, "language"),
        };
        return ParseContext.Decorate(flow, e);
    }

    private static Artifact MapArtifact(XElement e, ParseContext ctx)
    {
        var artifact = new Artifact
        {
            Id = ctx.IdOf(e, required: false),
            ElementName = e.Name.LocalName,
            Position = PositionOf(e),
            Name = Attr(e, "name"),
            Text = Text(Child(e, "text")),
            SourceRef = RefAttr(e, "sourceRef"),
            TargetRef = RefAttr(e, "targetRef"),
        };
        return ParseContext.Decorate(artifact, e);
    }

    private static Gateway MapGateway(XElement e, string local, ParseContext ctx)
    {
        var id = ctx.IdOf(e, required: true);
        var position = PositionOf(e);
        var name = Attr(e, "name");
        var defaultFlow = Attr(e, "default");
        var direction = Attr(e, "gatewayDirection");
        Gateway gateway = local switch
        {
            "exclusiveGateway" => new ExclusiveGateway { Id = id, ElementName = local, Position = position, Name = name, DefaultFlowRef = defaultFlow, GatewayDirection = direction },
            "parallelGateway" => new ParallelGateway { Id = id, ElementName = local, Position = position, Name = name, DefaultFlowRef = defaultFlow, GatewayDirection = direction },
            "inclusiveGateway" => new InclusiveGateway { Id = id, ElementName = local, Position = position, Name = name, DefaultFlowRef = defaultFlow, GatewayDirection = direction },
            "complexGateway" => new ComplexGateway
            {
                Id = id, ElementName = local, Position = position, Name = name, DefaultFlowRef = defaultFlow, GatewayDirection = direction,
                ActivationCondition = Text(Child(e, "activationCondition")),
                ActivationConditionPosition = Child(e, "activationCondition") is { } activation ? PositionOf(activation) : default,
            },
            _ => new EventBasedGateway
            {
                Id = id, ElementName = local, Position = position, Name = name, DefaultFlowRef = defaultFlow, GatewayDirection = direction,
                Instantiate = ctx.Bool(e, "instantiate", fallback: false), EventGatewayType = Attr(e, "eventGatewayType"),
            },
        };
        return ParseContext.Decorate(gateway, e);
    }

    private static SubProcess MapSubProcess(XElement e, string local, BpmnProcess process, BpmnDefinitions definitions, ParseContext ctx, int depth)
    {
        var h = ActivityHeader.Read(e, ctx);
        var triggeredByEvent = ctx.Bool(e, "triggeredByEvent", fallback: false);
        SubProcess subProcess = local switch
        {
            "transaction" => new TransactionSubProcess
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef,
                IsForCompensation = h.IsForCompensation, TriggeredByEvent = triggeredByEvent,
            },
            "adHocSubProcess" => new AdHocSubProcess
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef,
                IsForCompensation = h.IsForCompensation, TriggeredByEvent = triggeredByEvent,
            },
            _ => new SubProcess
            {
                Id = h.Id, ElementName = local, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef,
                IsForCompensation = h.IsForCompensation, TriggeredByEvent = triggeredByEvent,
            },
        };
        FinishActivity(subProcess, e, ctx);
        if (depth + 1 >= ParseContext.MaxNesting)
        {
            ctx.Error(ProblemCodes.NestingTooDeep,
                $"Subprocesses are nested more than {ParseContext.MaxNesting} levels deep at '{subProcess.Id}'; its content is not read.", e, subProcess.Id);
            return subProcess;
        }

        MapFlowElements(e, subProcess, process, definitions, ctx, depth + 1);
        return subProcess;
    }

    private static CallActivity MapCallActivity(XElement e, ParseContext ctx)
    {
        var h = ActivityHeader.Read(e, ctx);
        var zeebeCalled = ZeebeExtension(e, "calledElement");
        var businessKey = CamundaExtensions(e, "in").Select(i => Attr(i, "businessKey")).FirstOrDefault(k => k is not null);
        var call = new CallActivity
        {
            Id = h.Id, ElementName = e.Name.LocalName, Position = h.Position, Name = h.Name, DefaultFlowRef = h.DefaultFlowRef,
            IsForCompensation = h.IsForCompensation,
            CalledElement = Attr(e, "calledElement") ?? (zeebeCalled is null ? null : Attr(zeebeCalled, "processId")),
            Binding = CamundaAttr(e, "calledElementBinding"),
            Version = CamundaAttr(e, "calledElementVersion"),
            BusinessKey = businessKey,
            PropagateAllParentVariables = zeebeCalled is not null && !IsFalse(Attr(zeebeCalled, "propagateAllParentVariables")),
            PropagateAllChildVariables = zeebeCalled is not null && !IsFalse(Attr(zeebeCalled, "propagateAllChildVariables")),
        };
        FinishActivity(call, e, ctx);
        ReadCallMappings(e, call.InputMappings, call.OutputMappings);
        return call;
    }

    private static bool IsFalse(string? value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Everything a Camunda or Zeebe extension adds to any activity: documentation, loops, I/O mappings.</summary>
    private static T FinishActivity<T>(T activity, XElement e, ParseContext ctx)
        where T : Activity
    {
        ParseContext.Decorate(activity, e);
        activity.LoopCharacteristics = ReadLoopCharacteristics(e, ctx);
        ReadIoMappings(e, activity.InputMappings, activity.OutputMappings);
        return activity;
    }

    private static IEnumerable<XElement> CamundaExtensions(XElement e, string localName) =>
        Extensions(e).Where(x => x.Name.LocalName == localName && IsCamunda(x.Name.Namespace));

    /// <summary>The attributes every activity has; init-only model properties need them in each initializer.</summary>
    private readonly record struct ActivityHeader(string Id, SourcePosition Position, string? Name, string? DefaultFlowRef, bool IsForCompensation)
    {
        public static ActivityHeader Read(XElement e, ParseContext ctx) => new(
            ctx.IdOf(e, required: true),
            PositionOf(e),
            Attr(e, "name"),
            Attr(e, "default"),
            ctx.Bool(e, "isForCompensation", fallback: false));
    }
}
