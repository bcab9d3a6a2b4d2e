using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Camunda 8 (Zeebe) extensions read into the same model as Camunda 7's.</summary>
public class ZeebeExtensionTests
{
    [Fact]
    public void Parse_ZeebeServiceTask_ReadsJobTypeRetriesAndIoMapping()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:serviceTask id="count">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="increaseCounter" retries="5" />
                <zeebe:ioMapping>
                  <zeebe:input source="=counter" target="current" />
                  <zeebe:output source="=counter + 1" target="counter" />
                </zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="count" />
            """);

        // Act
        var task = (ServiceTask)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["count"];

        // Assert
        Assert.Equal(("increaseCounter", "5"), (task.Topic, task.Retries));
        var input = Assert.Single(task.InputMappings);
        Assert.Equal(("=counter", "current"), (input.Source, input.Target));
        var output = Assert.Single(task.OutputMappings);
        Assert.Equal(("=counter + 1", "counter"), (output.Source, output.Target));
    }

    [Fact]
    public void Parse_ZeebeUserTask_ReadsAssignmentFormAndSchedule()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="decide">
              <bpmn:extensionElements>
                <zeebe:assignmentDefinition assignee="=applicant.owner" candidateGroups="clerks, riskteam" candidateUsers="=reviewers" />
                <zeebe:formDefinition formKey="camunda-forms:bpmn:userTaskForm_1" />
                <zeebe:taskSchedule dueDate="=now() + duration(&quot;P1D&quot;)" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="decide" />
            """);

        // Act
        var task = (UserTask)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["decide"];

        // Assert: FEEL expressions ('=...') are kept whole, plain lists are split.
        Assert.Equal("=applicant.owner", task.Assignee);
        Assert.Equal(["clerks", "riskteam"], task.CandidateGroups);
        Assert.Equal(["=reviewers"], task.CandidateUsers);
        Assert.Equal("camunda-forms:bpmn:userTaskForm_1", task.FormKey);
        Assert.Equal("=now() + duration(\"P1D\")", task.DueDate);
    }

    [Fact]
    public void Parse_ZeebeMessageSubscriptionOnMessage_IsCopiedToEveryMessageEvent()
    {
        // Arrange: Zeebe keeps the correlation key on the message element, which here stands after the process.
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Message_1" /></bpmn:intermediateCatchEvent>
            <bpmn:receiveTask id="receive" messageRef="Message_1" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="receive" />
            """, """
            <bpmn:message id="Message_1" name="payment">
              <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements>
            </bpmn:message>
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var byId = result.Definitions!.Processes[0].ElementsById;
        var message = Assert.IsType<MessageEventDefinition>(((Event)byId["wait"]).Trigger);
        Assert.Equal("=orderId", message.CorrelationKey);
        Assert.Equal("payment", message.Message!.Name);
        Assert.Equal("=orderId", ((ReceiveTask)byId["receive"]).Message!.CorrelationKey);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Parse_ZeebeSubscriptionOnEvent_WinsOverTheMessage()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:extensionElements><zeebe:subscription correlationKey="=eventKey" /></bpmn:extensionElements>
              <bpmn:messageEventDefinition messageRef="m" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
            """, """<bpmn:message id="m" name="x"><bpmn:extensionElements><zeebe:subscription correlationKey="=messageKey" /></bpmn:extensionElements></bpmn:message>""");

        // Act
        var wait = (Event)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["wait"];

        // Assert
        Assert.Equal("=eventKey", ((MessageEventDefinition)wait.Trigger!).CorrelationKey);
    }

    [Fact]
    public void Parse_ZeebeCalledElementWithExpressionAndIoMapping_ReadsThem()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:callActivity id="call">
              <bpmn:extensionElements>
                <zeebe:calledElement processId="=target" />
                <zeebe:ioMapping>
                  <zeebe:input source="=amount * 2" target="doubled" />
                  <zeebe:output source="=answer" target="reply" />
                </zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="call" />
            """);

        // Act
        var call = (CallActivity)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["call"];

        // Assert
        Assert.Equal("=target", call.CalledElement);
        Assert.True(call.PropagateAllParentVariables && call.PropagateAllChildVariables);
        var input = Assert.Single(call.InputMappings);
        Assert.Equal(("=amount * 2", "doubled", false), (input.Source, input.Target, input.SourceIsVariable));
        Assert.Equal(("=answer", "reply"), (call.OutputMappings[0].Source, call.OutputMappings[0].Target));
    }

    [Fact]
    public void Parse_ZeebeMultiInstanceAndCalledElement_ReadThem()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:callActivity id="call">
              <bpmn:extensionElements><zeebe:calledElement processId="requestDocument" propagateAllChildVariables="false" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics>
                <bpmn:extensionElements>
                  <zeebe:loopCharacteristics inputCollection="=documents" inputElement="document" outputCollection="results" outputElement="=result" />
                </bpmn:extensionElements>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="call" />
            """);

        // Act
        var call = (CallActivity)TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById["call"];

        // Assert
        Assert.Equal("requestDocument", call.CalledElement);
        Assert.True(call.PropagateAllParentVariables);
        Assert.False(call.PropagateAllChildVariables);
        var loop = call.LoopCharacteristics!;
        Assert.True(loop.IsMultiInstance);
        Assert.False(loop.IsSequential);
        Assert.Equal(("=documents", "document", "results", "=result"), (loop.Collection, loop.ElementVariable, loop.OutputCollection, loop.OutputElement));
    }

    [Fact]
    public void Parse_ZeebeScriptAndBusinessRuleTask_ReadExpressionAndDecision()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:scriptTask id="feel"><bpmn:extensionElements><zeebe:script expression="=a + b" resultVariable="sum" /></bpmn:extensionElements></bpmn:scriptTask>
            <bpmn:businessRuleTask id="rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="risk" resultVariable="result" /></bpmn:extensionElements></bpmn:businessRuleTask>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="feel" />
            <bpmn:sequenceFlow id="f2" sourceRef="feel" targetRef="rule" />
            """);

        // Act
        var byId = TestBpmn.Parse(xml).Definitions!.Processes[0].ElementsById;

        // Assert
        var script = (ScriptTask)byId["feel"];
        Assert.Equal(("feel", "=a + b", "sum"), (script.ScriptFormat, script.Script, script.ResultVariable));
        var rule = (BusinessRuleTask)byId["rule"];
        Assert.Equal(("risk", "result"), (rule.DecisionRef, rule.ResultVariable));
    }
}
