namespace HypermediaBpm.Testing;

/// <summary>
/// Two versions of one process for the migration tests (issue 19). Version 1 forks into five branches that wait in
/// five ways: a user task (<c>review</c>), a timer (<c>wait</c>), a message catch (<c>pay</c>), a user task inside a
/// subprocess (<c>sub</c>/<c>inner</c>) and an external job (<c>work</c>); they join and end. The variants change
/// one thing each, so a test names what differs.
/// </summary>
public static class MigrationModels
{
    public const string Key = "migrating";

    /// <summary>Version 1.</summary>
    public static string V1 => Model();

    /// <summary>Version 2: <c>review</c> is renamed <c>check</c>, the message is <c>Payment2</c>, and an <c>audit</c> task follows the join.</summary>
    public static string V2 => Model(reviewId: "check", messageName: "Payment2", audit: true);

    /// <summary>
    /// The model with its variations: the review task's id, the message's name, a task after the join, the catch
    /// <c>pay</c>'s trigger (a definition element) and the timer's duration.
    /// </summary>
    public static string Model(
        string reviewId = "review", string messageName = "Payment", bool audit = false,
        string payTrigger = "<messageEventDefinition messageRef=\"m1\" />", string timer = "PT1H") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="defs" targetNamespace="http://example.com/migration">
          <message id="m1" name="{messageName}" />
          <signal id="s1" name="Go" />
          <process id="{Key}" name="Migrating" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
            <parallelGateway id="fork" />
            <sequenceFlow id="f1" sourceRef="fork" targetRef="{reviewId}" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="wait" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="pay" />
            <sequenceFlow id="f4" sourceRef="fork" targetRef="sub" />
            <sequenceFlow id="f5" sourceRef="fork" targetRef="work" />
            <userTask id="{reviewId}" name="{(reviewId == "review" ? "Review" : "Check")}" camunda:candidateGroups="clerks" />
            <intermediateCatchEvent id="wait">
              <timerEventDefinition><timeDuration>{timer}</timeDuration></timerEventDefinition>
            </intermediateCatchEvent>
            <intermediateCatchEvent id="pay">
              {payTrigger}
            </intermediateCatchEvent>
            <subProcess id="sub">
              <startEvent id="subStart" />
              <sequenceFlow id="s1f" sourceRef="subStart" targetRef="inner" />
              <userTask id="inner" name="Inner" />
              <sequenceFlow id="s2f" sourceRef="inner" targetRef="subEnd" />
              <endEvent id="subEnd" />
            </subProcess>
            <serviceTask id="work" camunda:type="external" camunda:topic="billing" />
            <sequenceFlow id="j1" sourceRef="{reviewId}" targetRef="join" />
            <sequenceFlow id="j2" sourceRef="wait" targetRef="join" />
            <sequenceFlow id="j3" sourceRef="pay" targetRef="join" />
            <sequenceFlow id="j4" sourceRef="sub" targetRef="join" />
            <sequenceFlow id="j5" sourceRef="work" targetRef="join" />
            <parallelGateway id="join" />
            {(audit
                ? """<sequenceFlow id="fa" sourceRef="join" targetRef="audit" /><userTask id="audit" name="Audit" /><sequenceFlow id="fe" sourceRef="audit" targetRef="end" />"""
                : """<sequenceFlow id="fe" sourceRef="join" targetRef="end" />""")}
            <endEvent id="end" />
          </process>
        </definitions>
        """;
}
