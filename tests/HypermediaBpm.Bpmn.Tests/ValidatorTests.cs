using HypermediaBpm.Bpmn.Parsing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>The structural rules of <see cref="BpmnValidator"/>, one at a time.</summary>
public class ValidatorTests
{
    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:exclusiveGateway id="gw" default="missing" />
            <bpmn:task id="orphan" />
            <bpmn:boundaryEvent id="b" attachedToRef="nothing" />
            <bpmn:intermediateThrowEvent id="shout"><bpmn:signalEventDefinition signalRef="noSignal" /></bpmn:intermediateThrowEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var found = result.Errors().Select(p => (p.Code, p.ElementId)).ToHashSet();
        Assert.Contains((ProblemCodes.DanglingReference, "gw"), found);
        Assert.Contains((ProblemCodes.NoOutgoingFlow, "gw"), found);
        Assert.Contains((ProblemCodes.UnreachableElement, "orphan"), found);
        Assert.Contains((ProblemCodes.UnreachableElement, "shout"), found);
        Assert.Contains((ProblemCodes.DanglingReference, "b"), found);
        Assert.Contains((ProblemCodes.DanglingReference, "shout"), found);
        Assert.Equal(6, found.Count);
    }

    [Fact]
    public void Validate_DefaultFlowOfAnotherElement_IsDangling()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:exclusiveGateway id="gw" default="f1" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="e" />
            """);

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal((ProblemCodes.DanglingReference, "gw"), (problem.Code, problem.ElementId));
        Assert.Equal("The default flow 'f1' of exclusive gateway 'gw' is not one of its outgoing sequence flows.", problem.Message);
    }

    [Fact]
    public void Validate_BoundaryOnGateway_IsNotOnActivity()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:parallelGateway id="gw" />
            <bpmn:endEvent id="e" />
            <bpmn:boundaryEvent id="b" attachedToRef="gw"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="e" />
            """);

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal((ProblemCodes.BoundaryNotOnActivity, "b"), (problem.Code, problem.ElementId));
    }

    [Fact]
    public void Validate_MessageRefToNothing_IsDanglingAtTheEventDefinition()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s">
              <bpmn:messageEventDefinition messageRef="ghost" />
            </bpmn:startEvent>
            """);

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal((ProblemCodes.DanglingReference, "s"), (problem.Code, problem.ElementId));
        Assert.Contains("message 'ghost'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Validate_ExecutableProcessWithoutStart_IsError()
    {
        // Arrange
        var xml = TestBpmn.Process("<bpmn:task id=\"t\" />");

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal((ProblemCodes.NoStartEvent, ProblemSeverity.Error, "p"), (problem.Code, problem.Severity, problem.ElementId));
    }

    [Fact]
    public void Validate_NonExecutableProcess_GetsWarningsOnly()
    {
        // Arrange: a drawing (isExecutable="false") with no start event and a dead-end gateway.
        var xml = TestBpmn.Process("""
            <bpmn:task id="t" />
            <bpmn:exclusiveGateway id="gw" />
            <bpmn:sequenceFlow id="f" sourceRef="t" targetRef="gw" />
            """, executable: false);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.True(result.IsValid, result.Describe());
        Assert.Equal([ProblemCodes.NoOutgoingFlow, ProblemCodes.NoStartEvent], result.Problems.Select(p => p.Code).Order());
        Assert.All(result.Problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
    }

    [Fact]
    public void Validate_EmptyProcess_IsNotChecked()
    {
        // Arrange: a black-box pool's process has no content at all.
        var xml = TestBpmn.Process(string.Empty);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_NoProcess_IsReported()
    {
        // Arrange
        const string xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\"><message id=\"m\" /></definitions>";

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal(ProblemCodes.NoProcess, problem.Code);
    }

    [Fact]
    public void Validate_SubProcessWithoutStart_StartsAtNodesWithoutIncomingFlow()
    {
        // Arrange: allowed by BPMN; a compensation handler and a boundary event are entry points too.
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sub">
              <bpmn:userTask id="first" />
              <bpmn:task id="second" />
              <bpmn:sequenceFlow id="i1" sourceRef="first" targetRef="second" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="comp" attachedToRef="sub"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:task id="undo" isForCompensation="true" />
            <bpmn:association id="a" sourceRef="comp" targetRef="undo" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_UnreachableCycle_IsReportedForEachNode()
    {
        // Arrange: two tasks that only feed each other.
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:task id="a" />
            <bpmn:task id="b" />
            <bpmn:sequenceFlow id="ab" sourceRef="a" targetRef="b" />
            <bpmn:sequenceFlow id="ba" sourceRef="b" targetRef="a" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Equal(["a", "b"], result.Problems.Where(p => p.Code == ProblemCodes.UnreachableElement).Select(p => p.ElementId));
    }

    [Fact]
    public void Validate_FlowIntoSubProcessContent_CrossesScope()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="sub"><bpmn:task id="inside" /></bpmn:subProcess>
            <bpmn:sequenceFlow id="jump" sourceRef="s" targetRef="inside" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        Assert.Contains(result.Errors(), p => p.Code == ProblemCodes.FlowCrossesScope && p.ElementId == "jump");
    }

    [Fact]
    public void Validate_EventSubProcessWithoutStart_IsReported()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:subProcess id="handler" triggeredByEvent="true"><bpmn:task id="t" /></bpmn:subProcess>
            """);

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal((ProblemCodes.EventSubProcessStart, "handler"), (problem.Code, problem.ElementId));
    }

    [Fact]
    public void Validate_LinkThrowWithoutCatchInSameScope_IsReported()
    {
        // Arrange: the catch sits in a subprocess, which is another scope.
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:intermediateThrowEvent id="go"><bpmn:linkEventDefinition name="X" /></bpmn:intermediateThrowEvent>
            <bpmn:subProcess id="sub"><bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="X" /></bpmn:intermediateCatchEvent></bpmn:subProcess>
            <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="go" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var problem = Assert.Single(result.Errors(), p => p.Code == ProblemCodes.LinkWithoutCatch);
        Assert.Equal("go", problem.ElementId);
    }

    [Fact]
    public void Validate_DuplicateIdAmongFlowElements_IsReportedAtTheSecond()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:endEvent id="s" />
            """);

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert: the end event also cannot be reached, as nothing can name it.
        var problem = Assert.Single(result.Problems, p => p.Code == ProblemCodes.DuplicateId);
        Assert.Equal(("s", 5), (problem.ElementId, problem.Line));
        Assert.Contains("line 4", problem.Message, StringComparison.Ordinal);
        Assert.Equal("s", result.Definitions!.Processes[0].ElementsById["s"].Id);
        Assert.IsType<HypermediaBpm.Bpmn.Model.StartEvent>(result.Definitions.Processes[0].ElementsById["s"]);
    }

    [Fact]
    public void Validate_BadBoolean_IsWarnedAndDefaulted()
    {
        // Arrange
        var xml = TestBpmn.Process("""<bpmn:startEvent id="s" isInterrupting="maybe" />""");

        // Act
        var result = TestBpmn.Parse(xml);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemCodes.InvalidValue, ProblemSeverity.Warning), (problem.Code, problem.Severity));
        Assert.True(result.Definitions!.Processes[0].StartEvents.Single().IsInterrupting);
    }

    [Fact]
    public void Validate_ParticipantForMissingProcess_IsDangling()
    {
        // Arrange
        var xml = TestBpmn.Process("<bpmn:startEvent id=\"s\" />", """
            <bpmn:collaboration id="c"><bpmn:participant id="pool" processRef="nope" /></bpmn:collaboration>
            """);

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal((ProblemCodes.DanglingReference, "pool"), (problem.Code, problem.ElementId));
    }
}
