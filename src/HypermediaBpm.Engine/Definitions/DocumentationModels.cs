using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// Models deployed for documentation only (<c>executable: false</c>): kept so that they have a diagram, a source, a
/// description and versions, never run. Only what stops the document from being read at all is refused — malformed
/// XML, no process — located like every deploy error; elements this engine cannot run, expressions in other
/// languages and <c>isExecutable="false"</c> are fine, because nothing will execute them.
/// </summary>
public static class DocumentationModels
{
    /// <summary>Parses the document; throws <see cref="ValidationException"/> (<c>BPMN_INVALID</c>) when it cannot be read.</summary>
    public static ValidatedModel Parse(BpmnSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = BpmnParser.Parse(source);
        var errors = result.Problems
            .Where(p => p.Severity == ProblemSeverity.Error && IsFatal(p.Code))
            .Select(p => new ValidationError(p.Code, p.Message, null, p.Line, p.Column, p.ElementId))
            .ToList();
        var process = result.Definitions?.MainProcess;
        if (errors.Count == 0 && (result.Definitions is null || process is null))
        {
            errors.Add(new ValidationError("NO_PROCESS", "The document has no process to show.", null, 1, 1));
        }

        if (process is not null)
        {
            // Shown on every page: held to the same bounds as executable models.
            ModelLimits.Check(process, errors);
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(DeploymentValidator.InvalidCode, $"The BPMN document cannot be read: {errors[0].Message}", errors);
        }

        return new ValidatedModel(result.Definitions!, process!, new Dictionary<string, Expressions.CompiledExpression>(StringComparer.Ordinal));
    }

    /// <summary>Problems that leave no model to show (as opposed to ones that only stop it from running).</summary>
    private static bool IsFatal(string code) =>
        code.StartsWith("XML_", StringComparison.Ordinal) || code is "NOT_BPMN" or "NO_PROCESS" or "NESTING_TOO_DEEP" or "INTERNAL_ERROR" or "DUPLICATE_ID" or "MISSING_ID";
}
