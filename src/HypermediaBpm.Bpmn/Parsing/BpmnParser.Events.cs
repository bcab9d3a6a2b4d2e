using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    private static Event MapEvent(XElement e, string local, BpmnDefinitions definitions, ParseContext ctx)
    {
        var id = ctx.IdOf(e, required: true);
        var position = PositionOf(e);
        var name = Attr(e, "name");
        Event ev = local switch
        {
            "startEvent" => new StartEvent
            {
                Id = id, ElementName = local, Position = position, Name = name,
                IsInterrupting = ctx.Bool(e, "isInterrupting", fallback: true),
                Initiator = CamundaAttr(e, "initiator"),
                FormKey = CamundaAttr(e, "formKey") ?? Optional(ZeebeExtension(e, "formDefinition"), "formKey"),
            },
            "endEvent" => new EndEvent { Id = id, ElementName = local, Position = position, Name = name },
            "intermediateCatchEvent" => new IntermediateCatchEvent { Id = id, ElementName = local, Position = position, Name = name },
            "intermediateThrowEvent" => new IntermediateThrowEvent { Id = id, ElementName = local, Position = position, Name = name },
            _ => new BoundaryEvent
            {
                Id = id, ElementName = local, Position = position, Name = name,
                AttachedToRef = RefAttr(e, "attachedToRef") ?? string.Empty,
                CancelActivity = ctx.Bool(e, "cancelActivity", fallback: true),
            },
        };
        ParseContext.Decorate(ev, e);
        ReadEventDefinitions(e, ev, definitions, ctx);
        ReadIoMappings(e, ev.InputMappings, ev.OutputMappings);
        if (ev is StartEvent start)
        {
            ReadFormFields(e, start.FormFields);
            start.BusinessKeyField = CamundaExtensions(e, "formData").Select(d => Attr(d, "businessKey")).FirstOrDefault(k => !string.IsNullOrWhiteSpace(k));
        }

        return ev;
    }

    private static void ReadEventDefinitions(XElement e, Event ev, BpmnDefinitions definitions, ParseContext ctx)
    {
        foreach (var child in e.Elements().Where(IsModel))
        {
            var local = child.Name.LocalName;
            if (local == "eventDefinitionRef")
            {
                // Rare: the definition stands at the root and the event points at it.
                var target = LocalRef(Text(child));
                if (target is not null && ctx.RootEventDefinitions.TryGetValue(target, out var shared))
                {
                    ev.EventDefinitions.Add(MapEventDefinition(shared, e, definitions, ctx));
                }
                else
                {
                    ctx.Error(ProblemCodes.DanglingReference,
                        $"Event '{ev.Id}' refers to the event definition '{target}', but there is no such event definition at the top of the document.", child, ev.Id);
                }
            }
            else if (EventDefinitionNames.Contains(local))
            {
                ev.EventDefinitions.Add(MapEventDefinition(child, e, definitions, ctx));
            }
            else if (local.EndsWith("EventDefinition", StringComparison.Ordinal))
            {
                ctx.Warning(ProblemCodes.UnknownElement, $"<{local}> in event '{ev.Id}' is not a BPMN 2.0 event definition; it is ignored.", child, ev.Id);
            }
        }
    }

    private static EventDefinition MapEventDefinition(XElement d, XElement ev, BpmnDefinitions definitions, ParseContext ctx)
    {
        var id = Attr(d, "id");
        var position = PositionOf(d);
        var local = d.Name.LocalName;
        switch (local)
        {
            case "timerEventDefinition":
                return new TimerEventDefinition
                {
                    Id = id, Position = position, ElementName = local,
                    TimeDate = Text(Child(d, "timeDate")), TimeDuration = Text(Child(d, "timeDuration")), TimeCycle = Text(Child(d, "timeCycle")),
                };
            case "messageEventDefinition":
                var messageRef = RefAttr(d, "messageRef");

                // Zeebe keeps the key on the message; older Zeebe models and hand-written ones put it on the event.
                var key = Optional(ZeebeExtension(ev, "subscription"), "correlationKey")
                    ?? Optional(ZeebeExtension(d, "subscription"), "correlationKey")
                    ?? (messageRef is not null && definitions.Messages.TryGetValue(messageRef, out var message) ? message.CorrelationKey : null);
                return new MessageEventDefinition { Id = id, Position = position, ElementName = local, MessageRef = messageRef, CorrelationKey = key };
            case "signalEventDefinition":
                return new SignalEventDefinition { Id = id, Position = position, ElementName = local, SignalRef = RefAttr(d, "signalRef") };
            case "errorEventDefinition":
                return new ErrorEventDefinition
                {
                    Id = id, Position = position, ElementName = local, ErrorRef = RefAttr(d, "errorRef"),
                    ErrorCodeVariable = CamundaAttr(d, "errorCodeVariable"), ErrorMessageVariable = CamundaAttr(d, "errorMessageVariable"),
                };
            case "escalationEventDefinition":
                return new EscalationEventDefinition { Id = id, Position = position, ElementName = local, EscalationRef = RefAttr(d, "escalationRef") };
            case "terminateEventDefinition":
                return new TerminateEventDefinition { Id = id, Position = position, ElementName = local };
            case "cancelEventDefinition":
                return new CancelEventDefinition { Id = id, Position = position, ElementName = local };
            case "compensateEventDefinition":
                return new CompensateEventDefinition
                {
                    Id = id, Position = position, ElementName = local, ActivityRef = RefAttr(d, "activityRef"),
                    WaitForCompletion = ctx.Bool(d, "waitForCompletion", fallback: true),
                };
            case "linkEventDefinition":
                return new LinkEventDefinition { Id = id, Position = position, ElementName = local, Name = Attr(d, "name") };
            default:
                return new ConditionalEventDefinition
                {
                    Id = id, Position = position, ElementName = local,
                    Condition = Text(Child(d, "condition")), VariableName = CamundaAttr(d, "variableName"),
                };
        }
    }
}
