namespace HypermediaBpm.Server.Tests.Support;

/// <summary>BPMN models around HTTP service tasks (<c>http-connector</c>) for tests: the connector's XML is the test's.</summary>
internal static class HttpTaskModel
{
    /// <summary>start → the service task <c>call</c> with <paramref name="connector"/> inside its <c>camunda:connector</c> → end.</summary>
    public static string Of(string id, string connector) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="{{id}}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <serviceTask id="call" name="Call the shop">
              <extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>{{connector}}</camunda:connector></extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="call" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    /// <summary>The connector of a task that calls <paramref name="url"/>, with more input parameters given as name → value.</summary>
    public static string Connector(string url, params (string Name, string Value)[] inputs) =>
        "<camunda:inputOutput>"
        + $"<camunda:inputParameter name=\"url\">{url}</camunda:inputParameter>"
        + string.Concat(inputs.Select(i => $"<camunda:inputParameter name=\"{i.Name}\">{i.Value}</camunda:inputParameter>"))
        + "</camunda:inputOutput>";
}
