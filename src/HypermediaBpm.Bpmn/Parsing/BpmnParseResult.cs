using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

public sealed class BpmnParseResult
{
    public BpmnParseResult(BpmnDefinitions? definitions, IReadOnlyList<BpmnProblem> problems)
    {
        Definitions = definitions;
        Problems = problems;
    }

    /// <summary>Null when the document could not be read at all (not XML, not BPMN).</summary>
    public BpmnDefinitions? Definitions { get; }

    public IReadOnlyList<BpmnProblem> Problems { get; }

    public bool IsValid => Definitions is not null && !Problems.Any(p => p.Severity == ProblemSeverity.Error);
}
