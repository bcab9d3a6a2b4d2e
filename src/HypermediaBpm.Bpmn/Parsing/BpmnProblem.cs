namespace HypermediaBpm.Bpmn.Parsing;

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>One thing wrong with a BPMN document, located so a modeller can find it.</summary>
/// <param name="Code">Stable kind, e.g. <c>XML_MALFORMED</c>, <c>DANGLING_REFERENCE</c>, <c>UNSUPPORTED_ELEMENT</c>.</param>
/// <param name="Message">A sentence a modeller understands.</param>
public sealed record BpmnProblem(
    string Code,
    string Message,
    int Line,
    int Column,
    string? ElementId,
    ProblemSeverity Severity = ProblemSeverity.Error);
