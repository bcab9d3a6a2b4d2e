using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Camunda 7 (and Activiti) extensions read into the model.</summary>
public class CamundaExtensionTests
{
    [Fact]
    public void Parse_UserTaskWithFormData_ReadsFieldsEnumValuesAndConstraints()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="approve" name="Approve" camunda:assignee="demo" camunda:candidateUsers=" anna , bert,, "
                           camunda:candidateGroups="sales,management" camunda:formKey="embedded:app:approve.html"
                           camunda:dueDate="${due}" camunda:priority="50">
              <bpmn:extensionElements>
                <camunda:formData>
                  <camunda:formField id="amount" label="Amount" type="long" defaultValue="100">
                    <camunda:validation>
                      <camunda:constraint name="required" />
                      <camunda:constraint name="min" config="1" />
                    </camunda:validation>
                  </camunda:formField>
                  <camunda:formField id="decision" label="Decision" type="enum">
                    <camunda:value id="yes" name="Approve" />
                    <camunda:value id="no" name="Reject" />
                    <camunda:validation><camunda:constraint name="readonly" /></camunda:validation>
                  </camunda:formField>
                </camunda:formData>
              </bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="approve" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var task = Assert.IsType<UserTask>(result.Definitions!.Processes[0].ElementsById["approve"]);
        Assert.Equal("demo", task.Assignee);
        Assert.Equal(["anna", "bert"], task.CandidateUsers);
        Assert.Equal(["sales", "management"], task.CandidateGroups);
        Assert.Equal("embedded:app:approve.html", task.FormKey);
        Assert.Equal("${due}", task.DueDate);
        Assert.Equal("50", task.Priority);
        Assert.Equal(2, task.FormFields.Count);
        var amount = task.FormFields[0];
        Assert.Equal(("amount", "Amount", "long", "100"), (amount.Id, amount.Label, amount.Type, amount.DefaultValue));
        Assert.True(amount.Required);
        Assert.False(amount.ReadOnly);
        Assert.Contains(new KeyValuePair<string, string?>("min", "1"), amount.Constraints);
        var decision = task.FormFields[1];
        Assert.Equal("enum", decision.Type);
        Assert.Equal([new("yes", "Approve"), new("no", "Reject")], decision.Values);
        Assert.True(decision.ReadOnly);
        Assert.False(decision.Required);
        Assert.True(decision.Position.Line > 0);
    }

    [Fact]
    public void Parse_StartEventWithFormDataAndInitiator_ReadsThem()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="start" camunda:initiator="starter" camunda:formKey="start-form">
              <bpmn:extensionElements>
                <camunda:formData><camunda:formField id="name" type="string" /></camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            """);

        // Act
        var start = TestBpmn.Parse(xml).Definitions!.Processes[0].StartEvents.Single();

        // Assert
        Assert.Equal("starter", start.Initiator);
        Assert.Equal("start-form", start.FormKey);
        Assert.Equal("name", Assert.Single(start.FormFields).Id);
    }

    [Fact]
    public void Parse_ActivitiNamespace_IsReadAsCamunda()
    {
        // Arrange: MIWG C.1.0 binds the prefix camunda to Activiti's namespace.
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:activiti="http://activiti.org/bpmn" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="s" />
                <userTask id="u" activiti:assignee="kermit" activiti:candidateGroups="management" activiti:asyncBefore="true">
                  <extensionElements>
                    <activiti:formProperty id="email" name="E-mail" type="string" required="true" writable="false" />
                  </extensionElements>
                </userTask>
                <sequenceFlow id="f" sourceRef="s" targetRef="u" />
              </process>
            </definitions>
            """;

        // Act
        var task = (UserTask)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["u"];

        // Assert
        Assert.Equal("kermit", task.Assignee);
        Assert.Equal(["management"], task.CandidateGroups);
        Assert.Equal("true", task.ExtensionAttributes["camunda:asyncBefore"]);
        var field = Assert.Single(task.FormFields);
        Assert.Equal(("email", "E-mail", true, true), (field.Id, field.Label, field.Required, field.ReadOnly));
    }

    [Fact]
    public void Parse_ExtensionAttributes_AreKeyedByCanonicalPrefix()
    {
        // Arrange: the file binds Camunda's namespace to 'c', and a vendor namespace to 'acme'.
        var xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:c="http://camunda.org/schema/1.0/bpmn"
                              xmlns:acme="http://acme.example/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true" c:historyTimeToLive="30">
                <bpmn:startEvent id="s" c:asyncBefore="true" acme:colour="red" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var process = TestBpmn.Parse(xml).Definitions!.Processes[0];

        // Assert
        Assert.Equal("30", process.ExtensionAttributes["camunda:historyTimeToLive"]);
        var start = process.ElementsById["s"];
        Assert.Equal("true", start.ExtensionAttributes["camunda:asyncBefore"]);
        Assert.Equal("red", start.ExtensionAttributes["acme:colour"]);
        Assert.Equal(2, start.ExtensionAttributes.Count);
    }

    [Fact]
    public void Parse_ServiceTaskVariants_ReadImplementationTopicAndConnector()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="external" camunda:type="external" camunda:topic="invoices" />
            <bpmn:serviceTask id="expr" camunda:expression="${calc.run()}" camunda:resultVariable="total" />
            <bpmn:serviceTask id="cls" camunda:class="com.example.Archive" />
            <bpmn:serviceTask id="http">
              <bpmn:extensionElements>
                <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="external" />
            <bpmn:sequenceFlow id="f2" sourceRef="external" targetRef="expr" />
            <bpmn:sequenceFlow id="f3" sourceRef="expr" targetRef="cls" />
            <bpmn:sequenceFlow id="f4" sourceRef="cls" targetRef="http" />
            """);

        // Act
        var byId = TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById;

        // Assert
        var external = (ServiceTask)byId["external"];
        Assert.Equal(("external", "invoices"), (external.ImplementationType, external.Topic));
        var expr = (ServiceTask)byId["expr"];
        Assert.Equal(("${calc.run()}", "total"), (expr.Expression, expr.ResultVariable));
        Assert.Equal("com.example.Archive", ((ServiceTask)byId["cls"]).Expression);
        Assert.Equal("http-connector", ((ServiceTask)byId["http"]).ConnectorId);
    }

    [Fact]
    public void Parse_ScriptTask_ReadsFormatBodyPositionAndResultVariable()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:scriptTask id="script" scriptFormat="javascript" camunda:resultVariable="sum">
              <bpmn:script>var x = 1 + 2;
            x;</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="script" />
            """);

        // Act
        var task = (ScriptTask)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["script"];

        // Assert
        Assert.Equal("javascript", task.ScriptFormat);
        Assert.Equal("var x = 1 + 2;\nx;", task.Script);
        Assert.Equal("sum", task.ResultVariable);
        Assert.Equal(task.Position.Line + 1, task.ScriptPosition.Line);
    }

    [Fact]
    public void Parse_InputOutputMappings_ReadTextScriptListAndMap()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:task id="t">
              <bpmn:extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="amount">${order.amount}</camunda:inputParameter>
                  <camunda:inputParameter name="empty" />
                  <camunda:inputParameter name="script"><camunda:script scriptFormat="js">1 + 1</camunda:script></camunda:inputParameter>
                  <camunda:inputParameter name="list"><camunda:list><camunda:value>a</camunda:value><camunda:value>${b}</camunda:value></camunda:list></camunda:inputParameter>
                  <camunda:inputParameter name="map"><camunda:map><camunda:entry key="k">v</camunda:entry></camunda:map></camunda:inputParameter>
                  <camunda:outputParameter name="result">${total}</camunda:outputParameter>
                </camunda:inputOutput>
              </bpmn:extensionElements>
            </bpmn:task>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
            """);

        // Act
        var task = (Activity)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["t"];

        // Assert
        Assert.Equal(
            [("amount", "${order.amount}"), ("empty", null), ("script", "1 + 1"), ("list", "[\"a\",\"${b}\"]"), ("map", "{\"k\":\"v\"}")],
            task.InputMappings.Select(m => (m.Target, m.Source)));
        var output = Assert.Single(task.OutputMappings);
        Assert.Equal(("result", "${total}"), (output.Target, output.Source));
        Assert.True(output.Position.Line > task.Position.Line);
    }

    [Fact]
    public void Parse_CallActivityInOut_ReadsMappingsBindingAndBusinessKey()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:callActivity id="call" calledElement="ReviewInvoice" camunda:calledElementBinding="version" camunda:calledElementVersion="3">
              <bpmn:extensionElements>
                <camunda:in businessKey="#{execution.processBusinessKey}" />
                <camunda:in source="amount" target="amount" />
                <camunda:in sourceExpression="${x + 1}" target="y" />
                <camunda:in variables="all" />
                <camunda:out source="clarified" target="clarified" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="call" />
            """);

        // Act
        var call = (CallActivity)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["call"];

        // Assert
        Assert.Equal(("ReviewInvoice", "version", "3"), (call.CalledElement, call.Binding, call.Version));
        Assert.Equal("#{execution.processBusinessKey}", call.BusinessKey);
        Assert.Equal([("amount", "amount"), ("${x + 1}", "y"), (null, "*")], call.InputMappings.Select(m => (m.Source, m.Target)));
        Assert.Equal([true, false, false], call.InputMappings.Select(m => m.SourceIsVariable));
        Assert.Equal(("clarified", "clarified"), (call.OutputMappings[0].Source, call.OutputMappings[0].Target));
        Assert.False(call.PropagateAllParentVariables || call.PropagateAllChildVariables);
    }

    [Fact]
    public void Parse_MultiInstanceAndStandardLoop_ReadCharacteristics()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="mi">
              <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${assignees}" camunda:elementVariable="assignee">
                <bpmn:loopCardinality>5</bpmn:loopCardinality>
                <bpmn:completionCondition>${nrOfCompletedInstances == 2}</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:task id="loop">
              <bpmn:standardLoopCharacteristics testBefore="true" loopMaximum="3">
                <bpmn:loopCondition>${again}</bpmn:loopCondition>
              </bpmn:standardLoopCharacteristics>
            </bpmn:task>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="mi" />
            <bpmn:sequenceFlow id="f2" sourceRef="mi" targetRef="loop" />
            """);

        // Act
        var byId = TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById;

        // Assert
        var mi = ((Activity)byId["mi"]).LoopCharacteristics!;
        Assert.True(mi.IsMultiInstance);
        Assert.True(mi.IsSequential);
        Assert.Equal(("5", "${assignees}", "assignee", "${nrOfCompletedInstances == 2}"), (mi.LoopCardinality, mi.Collection, mi.ElementVariable, mi.CompletionCondition));
        var loop = ((Activity)byId["loop"]).LoopCharacteristics!;
        Assert.False(loop.IsMultiInstance);
        Assert.Equal((true, "3", "${again}"), (loop.TestBefore, loop.LoopMaximum, loop.LoopCondition));
    }

    [Fact]
    public void Parse_ErrorAndConditionalEventDefinitions_ReadCamundaAttributes()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sub"><bpmn:startEvent id="s2" /><bpmn:endEvent id="e2"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
              <bpmn:sequenceFlow id="sf" sourceRef="s2" targetRef="e2" /></bpmn:subProcess>
            <bpmn:boundaryEvent id="caught" attachedToRef="sub">
              <bpmn:errorEventDefinition errorRef="err" camunda:errorCodeVariable="code" camunda:errorMessageVariable="msg" />
            </bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="cond" attachedToRef="sub" cancelActivity="false">
              <bpmn:conditionalEventDefinition camunda:variableName="input"><bpmn:condition xsi:type="bpmn:tFormalExpression">${input &gt; 1}</bpmn:condition></bpmn:conditionalEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="sub" />
            """, """<bpmn:error id="err" name="Broken" errorCode="404" />""");

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var byId = result.Definitions!.Processes[0].ElementsById;
        var caught = (BoundaryEvent)byId["caught"];
        var error = Assert.IsType<ErrorEventDefinition>(caught.Trigger);
        Assert.Equal(("code", "msg", "404"), (error.ErrorCodeVariable, error.ErrorMessageVariable, error.Error!.ErrorCode));
        var cond = (BoundaryEvent)byId["cond"];
        Assert.False(cond.CancelActivity);
        var conditional = Assert.IsType<ConditionalEventDefinition>(cond.Trigger);
        Assert.Equal(("${input > 1}", "input"), (conditional.Condition, conditional.VariableName));
        Assert.Equal(["caught", "cond"], ((Activity)byId["sub"]).BoundaryEvents.Select(b => b.Id));
        Assert.Same(byId["sub"], caught.AttachedTo);
    }

    [Fact]
    public void Parse_StartFormDataWithBusinessKey_NamesTheBusinessKeyField()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="start">
              <bpmn:extensionElements>
                <camunda:formData businessKey="orderId"><camunda:formField id="orderId" type="string" /></camunda:formData>
              </bpmn:extensionElements>
            </bpmn:startEvent>
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var start = Assert.IsType<StartEvent>(result.Definitions!.Processes[0].ElementsById["start"]);
        Assert.Equal("orderId", start.BusinessKeyField);
        Assert.Equal("orderId", Assert.Single(start.FormFields).Id);
    }

    [Fact]
    public void Parse_ProcessWithCandidateStarters_ReadsGroupsAndUsers()
    {
        // Arrange
        var xml = TestBpmn.Process("<bpmn:startEvent id=\"start\" />")
            .Replace("<bpmn:process id=\"p\"", "<bpmn:process id=\"p\" camunda:candidateStarterGroups=\"sales, managers\" camunda:candidateStarterUsers=\"ann\"", StringComparison.Ordinal);

        // Act
        var process = TestBpmn.Parse(xml).Definitions!.Processes[0];

        // Assert
        Assert.Equal(["sales", "managers"], process.CandidateStarterGroups);
        Assert.Equal(["ann"], process.CandidateStarterUsers);
        Assert.True(process.NamesStarters);
    }

    [Fact]
    public void Parse_ProcessWithoutCandidateStarters_NamesNoStarters()
    {
        var process = TestBpmn.Parse(TestBpmn.Process("<bpmn:startEvent id=\"start\" />")).Definitions!.Processes[0];

        Assert.False(process.NamesStarters);
    }
}
