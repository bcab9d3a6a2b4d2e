using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Bpmn.Parsing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Standard BPMN elements mapped into the model and linked together.</summary>
public class ModelMappingTests
{
    [Fact]
    public void Parse_Definitions_ReadsHeaderAttributes()
    {
        // Arrange
        var xml = TestBpmn.Process("<bpmn:startEvent id=\"s\" />").Replace("id=\"defs\"", "id=\"defs\" name=\"Orders\" exporter=\"Camunda Modeler\" exporterVersion=\"5.1\"", StringComparison.Ordinal);

        // Act
        var definitions = TestBpmn.Parse(xml).Definitions!;

        // Assert
        Assert.Equal(("defs", "Orders", "http://example.com/test", "Camunda Modeler", "5.1"),
            (definitions.Id, definitions.Name, definitions.TargetNamespace, definitions.Exporter, definitions.ExporterVersion));
        Assert.Same(definitions.Processes[0], definitions.MainProcess);
    }

    [Fact]
    public void Parse_Documentation_IsReadOnProcessAndElements()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:documentation>Handles **orders**.</bpmn:documentation>
            <bpmn:startEvent id="s"><bpmn:documentation>  Begins here.  </bpmn:documentation><bpmn:documentation>second</bpmn:documentation></bpmn:startEvent>
            """);

        // Act
        var process = TestBpmn.Parse(xml).Definitions!.Processes[0];

        // Assert
        Assert.Equal("Handles **orders**.", process.Documentation);
        Assert.Equal("Begins here.", process.ElementsById["s"].Documentation);
    }

    [Fact]
    public void Parse_ConditionalAndDefaultFlows_ReadConditionPositionLanguageAndDefault()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:exclusiveGateway id="gw" default="other" gatewayDirection="Diverging" />
            <bpmn:endEvent id="big" />
            <bpmn:endEvent id="small" />
            <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="gw" />
            <bpmn:sequenceFlow id="large" name="large" sourceRef="gw" targetRef="big">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel"><![CDATA[ amount > 1000 ]]></bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="other" sourceRef="gw" targetRef="small" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
        var byId = result.Definitions!.Processes[0].ElementsById;
        var large = (SequenceFlow)byId["large"];
        Assert.Equal("amount > 1000", large.ConditionExpression);
        Assert.Equal("feel", large.ConditionLanguage);
        Assert.Equal(large.Position.Line + 1, large.ConditionPosition.Line);
        Assert.Equal(large.Position.Column + 2, large.ConditionPosition.Column);
        var gateway = (ExclusiveGateway)byId["gw"];
        Assert.Same(byId["other"], gateway.DefaultFlow);
        Assert.Equal("Diverging", gateway.GatewayDirection);
        Assert.Equal(["large", "other"], gateway.Outgoing.Select(f => f.Id));
        Assert.Same(gateway, large.Source);
        Assert.Same(byId["big"], large.Target);
    }

    [Fact]
    public void Parse_SubProcesses_NestElementsAndRegisterThemAll()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="outer">
              <bpmn:transaction id="tx">
                <bpmn:task id="deep" />
              </bpmn:transaction>
              <bpmn:adHocSubProcess id="adhoc"><bpmn:task id="any" /></bpmn:adHocSubProcess>
              <bpmn:sequenceFlow id="inner" sourceRef="tx" targetRef="adhoc" />
            </bpmn:subProcess>
            <bpmn:subProcess id="events" triggeredByEvent="true">
              <bpmn:startEvent id="onSignal" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="outer" />
            """, """<bpmn:signal id="sig" name="Stop" />""");

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
        var process = result.Definitions!.Processes[0];
        var outer = (SubProcess)process.ElementsById["outer"];
        var tx = Assert.IsType<TransactionSubProcess>(process.ElementsById["tx"]);
        Assert.IsType<AdHocSubProcess>(process.ElementsById["adhoc"]);
        Assert.Same(tx, process.ElementsById["deep"].Container);
        Assert.Same(outer, tx.Container);
        Assert.Same(process, outer.Container);
        Assert.Equal(["s", "outer", "events", "f"], process.FlowElements.Select(e => e.Id));
        Assert.True(((SubProcess)process.ElementsById["events"]).TriggeredByEvent);
        var onSignal = (StartEvent)process.ElementsById["onSignal"];
        Assert.False(onSignal.IsInterrupting);
        Assert.Equal("Stop", ((SignalEventDefinition)onSignal.Trigger!).Signal!.Name);
        Assert.Equal(["s"], process.StartEvents.Select(e => e.Id));
    }

    [Fact]
    public void Parse_EventDefinitions_ReadTimerCompensateLinkEscalationAndTerminate()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT10H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:task id="book" />
            <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition activityRef="book" waitForCompletion="false" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateThrowEvent id="esc"><bpmn:escalationEventDefinition escalationRef="tooBig" /></bpmn:intermediateThrowEvent>
            <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="book" />
            <bpmn:sequenceFlow id="f2" sourceRef="book" targetRef="undo" />
            <bpmn:sequenceFlow id="f3" sourceRef="undo" targetRef="jump" />
            <bpmn:sequenceFlow id="f4" sourceRef="land" targetRef="esc" />
            <bpmn:sequenceFlow id="f5" sourceRef="esc" targetRef="stop" />
            """, """<bpmn:escalation id="tooBig" name="Too big" escalationCode="E1" />""");

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
        var byId = result.Definitions!.Processes[0].ElementsById;
        Assert.Equal("R3/PT10H", ((TimerEventDefinition)((Event)byId["s"]).Trigger!).TimeCycle);
        var compensate = (CompensateEventDefinition)((Event)byId["undo"]).Trigger!;
        Assert.Equal(("book", false), (compensate.ActivityRef, compensate.WaitForCompletion));
        Assert.Equal("L", ((LinkEventDefinition)((Event)byId["jump"]).Trigger!).Name);
        Assert.Equal("E1", ((EscalationEventDefinition)((Event)byId["esc"]).Trigger!).Escalation!.EscalationCode);
        Assert.IsType<TerminateEventDefinition>(((Event)byId["stop"]).Trigger);
    }

    [Fact]
    public void Parse_LanesCollaborationAndArtifacts_AreRead()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:laneSet id="ls">
              <bpmn:lane id="sales" name="Sales">
                <bpmn:flowNodeRef>s</bpmn:flowNodeRef>
                <bpmn:childLaneSet id="cls"><bpmn:lane id="inner"><bpmn:flowNodeRef>s</bpmn:flowNodeRef></bpmn:lane></bpmn:childLaneSet>
              </bpmn:lane>
            </bpmn:laneSet>
            <bpmn:startEvent id="s" />
            <bpmn:dataObjectReference id="dor" name="Invoice" dataObjectRef="do" />
            <bpmn:dataObject id="do" />
            <bpmn:textAnnotation id="note"><bpmn:text>Check twice</bpmn:text></bpmn:textAnnotation>
            <bpmn:association id="a" sourceRef="s" targetRef="note" />
            """, """
            <bpmn:collaboration id="c">
              <bpmn:participant id="pool" name="Shop" processRef="p" />
              <bpmn:participant id="customer" name="Customer" />
              <bpmn:messageFlow id="mf" sourceRef="customer" targetRef="s" messageRef="order" />
              <bpmn:group id="g" />
            </bpmn:collaboration>
            <bpmn:message id="order" name="Order" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
        var definitions = result.Definitions!;
        var lane = Assert.Single(definitions.Processes[0].Lanes);
        Assert.Equal(("sales", "Sales", "s"), (lane.Id, lane.Name, lane.FlowNodeRefs.Single()));
        Assert.Equal("inner", Assert.Single(lane.ChildLanes).Id);
        var collaboration = Assert.Single(definitions.Collaborations);
        Assert.Equal([("pool", "p"), ("customer", null)], collaboration.Participants.Select(p => (p.Id, p.ProcessRef)));
        var flow = Assert.Single(collaboration.MessageFlows);
        Assert.Equal(("customer", "s", "order"), (flow.SourceRef, flow.TargetRef, flow.MessageRef));
        Assert.Equal("group", Assert.Single(collaboration.Artifacts).ElementName);
        var byId = definitions.Processes[0].ElementsById;
        Assert.Equal("Check twice", ((Artifact)byId["note"]).Text);
        Assert.Equal(("s", "note"), (((Artifact)byId["a"]).SourceRef, ((Artifact)byId["a"]).TargetRef));
        Assert.Equal("dataObjectReference", byId["dor"].ElementName);
    }

    [Fact]
    public void Parse_DiagramInterchange_ReadsShapesEdgesLabelsAndColours()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="gw" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="gw" />
            """, """
            <bpmndi:BPMNDiagram id="dia" name="Main" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0">
              <bpmndi:BPMNPlane id="plane" bpmnElement="p">
                <bpmndi:BPMNShape id="s_di" bpmnElement="s" bioc:fill="#ffe0b2" bioc:stroke="#fb8c00">
                  <dc:Bounds x="10.5" y="20" width="36" height="36" />
                  <bpmndi:BPMNLabel><dc:Bounds x="5" y="60" width="50" height="14" /></bpmndi:BPMNLabel>
                </bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="gw_di" bpmnElement="gw" isMarkerVisible="true"><dc:Bounds x="100" y="13" width="50" height="50" /></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="f_di" bpmnElement="f">
                  <di:waypoint x="46.5" y="38" /><di:waypoint x="100" y="38" />
                </bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane>
            </bpmndi:BPMNDiagram>
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var diagram = Assert.Single(result.Definitions!.Diagrams);
        Assert.Equal(("dia", "Main", "p"), (diagram.Id, diagram.Name, diagram.PlaneElementRef));
        var start = diagram.Shapes[0];
        Assert.Equal(new Bounds(10.5, 20, 36, 36), start.Bounds);
        Assert.Equal(new Bounds(5, 60, 50, 14), start.LabelBounds);
        Assert.Equal(("#ffe0b2", "#fb8c00"), (start.FillColor, start.StrokeColor));
        Assert.Null(start.IsExpanded);
        Assert.True(diagram.Shapes[1].IsMarkerVisible);
        var edge = Assert.Single(diagram.Edges);
        Assert.Equal([new Point(46.5, 38), new Point(100, 38)], edge.Waypoints);
    }

    [Fact]
    public void Parse_UnknownBpmnElementInProcess_BecomesUnknownFlowNodeWithWarning()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:choreographyTask id="choreo" />
            <bpmn:magicTask id="magic" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="choreo" />
            <bpmn:sequenceFlow id="f2" sourceRef="choreo" targetRef="magic" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var byId = result.Definitions!.Processes[0].ElementsById;
        Assert.IsType<UnknownFlowNode>(byId["choreo"]);
        Assert.Equal("magicTask", Assert.IsType<UnknownFlowNode>(byId["magic"]).ElementName);
        var warning = Assert.Single(result.Problems);
        Assert.Equal((ProblemCodes.UnknownElement, ProblemSeverity.Warning, "magic"), (warning.Code, warning.Severity, warning.ElementId));
    }

    [Fact]
    public void Parse_ElementsInsideExtensionElementsInBpmnNamespace_AreIgnored()
    {
        // Arrange: Visual Paradigm and W4 write unprefixed vendor elements, which fall into the BPMN namespace.
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <extensionElements><Grid visible="true" /></extensionElements>
              <process id="p" isExecutable="true">
                <startEvent id="s"><extensionElements><attribute name="x" id="s" /><task id="fake" /></extensionElements></startEvent>
              </process>
            </definitions>
            """;

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
        Assert.Equal(["s"], result.Definitions!.Processes[0].ElementsById.Keys);
    }

    [Fact]
    public void Parse_SequenceFlowWithoutId_GetsAGeneratedIdThatCannotCollide()
    {
        // Arrange: old Activiti models leave sequence flows without ids.
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow sourceRef="s" targetRef="e" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
        var flow = Assert.Single(result.Definitions!.Processes[0].FlowElements.OfType<SequenceFlow>());
        Assert.StartsWith("sequenceFlow@", flow.Id, StringComparison.Ordinal);
        Assert.Same(flow, Assert.Single(((FlowNode)result.Definitions.Processes[0].ElementsById["e"]).Incoming));
    }
}
