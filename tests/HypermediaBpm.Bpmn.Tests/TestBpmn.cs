using HypermediaBpm.Bpmn.Parsing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Builds small BPMN documents for focused tests and runs the parser on them.</summary>
internal static class TestBpmn
{
    public const string Namespaces =
        "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" " +
        "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" " +
        "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" " +
        "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" " +
        "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" " +
        "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" " +
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    /// <summary>A definitions document with one executable process 'p' holding <paramref name="processContent"/>.</summary>
    public static string Process(string processContent, string rootContent = "", bool executable = true) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions {Namespaces} id="defs" targetNamespace="http://example.com/test">
          <bpmn:process id="p" isExecutable="{(executable ? "true" : "false")}">
        {processContent}
          </bpmn:process>
        {rootContent}
        </bpmn:definitions>
        """;

    public static BpmnParseResult Parse(string xml) => BpmnParser.Parse(xml);

    public static IEnumerable<BpmnProblem> Errors(this BpmnParseResult result) => result.Problems.Where(p => p.Severity == ProblemSeverity.Error);

    /// <summary>A readable dump of the problems, for assertion messages.</summary>
    public static string Describe(this BpmnParseResult result) =>
        result.Problems.Count == 0
            ? "(no problems)"
            : string.Join(Environment.NewLine, result.Problems.Select(p => $"{p.Severity} {p.Code} {p.Line}:{p.Column} [{p.ElementId}] {p.Message}"));
}
