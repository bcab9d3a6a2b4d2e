using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    /// <summary>
    /// Turns the id references into object links once everything is read (a flow may name an element written
    /// after it). What does not resolve stays null; <see cref="BpmnValidator"/> reports it with its position.
    /// </summary>
    private static void Resolve(BpmnDefinitions definitions)
    {
        foreach (var process in definitions.Processes)
        {
            var byId = process.ElementsById;
            var elements = ModelWalk.AllFlowElements(process).ToList();
            foreach (var element in elements)
            {
                switch (element)
                {
                    case SequenceFlow flow:
                        flow.Source = byId.GetValueOrDefault(flow.SourceRef) as FlowNode;
                        flow.Target = byId.GetValueOrDefault(flow.TargetRef) as FlowNode;
                        flow.Source?.Outgoing.Add(flow);
                        flow.Target?.Incoming.Add(flow);
                        break;
                    case BoundaryEvent boundary:
                        boundary.AttachedTo = byId.GetValueOrDefault(boundary.AttachedToRef) as Activity;
                        boundary.AttachedTo?.BoundaryEvents.Add(boundary);
                        ResolveEventDefinitions(boundary, definitions);
                        break;
                    case Event ev:
                        ResolveEventDefinitions(ev, definitions);
                        break;
                    case SendTask send when send.MessageRef is not null:
                        send.Message = definitions.Messages.GetValueOrDefault(send.MessageRef);
                        break;
                    case ReceiveTask receive when receive.MessageRef is not null:
                        receive.Message = definitions.Messages.GetValueOrDefault(receive.MessageRef);
                        break;
                }
            }

            // Defaults last: a default is valid only among the element's outgoing flows, linked above.
            foreach (var element in elements)
            {
                switch (element)
                {
                    case Activity { DefaultFlowRef: { } activityDefault } activity:
                        activity.DefaultFlow = activity.Outgoing.FirstOrDefault(f => f.Id == activityDefault);
                        break;
                    case Gateway { DefaultFlowRef: { } gatewayDefault } gateway:
                        gateway.DefaultFlow = gateway.Outgoing.FirstOrDefault(f => f.Id == gatewayDefault);
                        break;
                }
            }
        }
    }

    private static void ResolveEventDefinitions(Event ev, BpmnDefinitions definitions)
    {
        foreach (var definition in ev.EventDefinitions)
        {
            switch (definition)
            {
                case MessageEventDefinition { MessageRef: { } messageRef } message:
                    message.Message = definitions.Messages.GetValueOrDefault(messageRef);
                    break;
                case SignalEventDefinition { SignalRef: { } signalRef } signal:
                    signal.Signal = definitions.Signals.GetValueOrDefault(signalRef);
                    break;
                case ErrorEventDefinition { ErrorRef: { } errorRef } error:
                    error.Error = definitions.Errors.GetValueOrDefault(errorRef);
                    break;
                case EscalationEventDefinition { EscalationRef: { } escalationRef } escalation:
                    escalation.Escalation = definitions.Escalations.GetValueOrDefault(escalationRef);
                    break;
            }
        }
    }
}
