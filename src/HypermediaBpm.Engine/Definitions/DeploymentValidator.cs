using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Forms;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// Decides at deploy time whether a model can run here: the parser's problems, every element against
/// the behaviour table, every expression compiled. Everything wrong is reported at once, located.
/// </summary>
public sealed class DeploymentValidator(BehaviorTable behaviors)
{
    public const string InvalidCode = "BPMN_INVALID";

    /// <summary>Parses and checks; throws <see cref="ValidationException"/> listing every problem.</summary>
    public ValidatedModel Validate(string bpmnXml)
    {
        var result = BpmnParser.Parse(bpmnXml);
        var errors = result.Problems
            .Where(p => p.Severity == ProblemSeverity.Error)
            .Select(p => new ValidationError(p.Code, p.Message, null, p.Line, p.Column, p.ElementId))
            .ToList();
        var definitions = result.Definitions;
        var process = definitions?.MainProcess;
        if (definitions is not null && process is null && errors.Count == 0)
        {
            errors.Add(new ValidationError("NO_PROCESS", "The document has no process to run.", null, 1, 1));
        }

        var conditions = new Dictionary<string, CompiledExpression>(StringComparer.Ordinal);
        if (process is not null)
        {
            foreach (var element in process.ElementsById.Values)
            {
                CheckElement(element, conditions, errors);
            }

            if (!process.StartEvents.Any() && errors.Count == 0)
            {
                var at = process.Position;
                errors.Add(new ValidationError("NO_NONE_START_EVENT",
                    $"Process '{process.Id}' has no start event, so nothing can start it.", null, at.Line, at.Column, process.Id));
            }
        }

        if (errors.Count > 0)
        {
            var first = errors[0];
            var summary = errors.Count == 1
                ? $"The BPMN model is invalid: {first.Message}"
                : $"The BPMN model has {errors.Count} problems; the first: {first.Message}";
            throw new ValidationException(InvalidCode, summary, errors);
        }

        return new ValidatedModel(definitions!, process!, conditions);
    }

    public DeployedProcess Build(DefinitionRecord record)
    {
        var model = Validate(record.BpmnXml);
        return new DeployedProcess(record, model.Definitions, model.Process, model.Conditions);
    }

    private void CheckElement(FlowElement element, Dictionary<string, CompiledExpression> conditions, List<ValidationError> errors)
    {
        var at = element.Position;
        switch (element)
        {
            case SequenceFlow flow when flow.ConditionExpression is { } source && !string.IsNullOrWhiteSpace(source):
                if (ExpressionCompiler.TryCompile(source.Trim(), out var compiled, out var error))
                {
                    conditions[flow.Id] = compiled!;
                }
                else
                {
                    var pos = flow.ConditionPosition.Line > 0 ? flow.ConditionPosition : at;
                    errors.Add(new ValidationError("CONDITION_INVALID",
                        $"The condition of sequence flow '{flow.Id}' does not parse: {error!.Message}", null, pos.Line, pos.Column, flow.Id));
                }

                break;
            case FlowNode node:
                var unsupported = behaviors.WhyUnsupported(node);
                if (unsupported is not null)
                {
                    errors.Add(new ValidationError("UNSUPPORTED_ELEMENT", unsupported, null, at.Line, at.Column, node.Id));
                    break;
                }

                if (node is Activity { LoopCharacteristics: not null } looped)
                {
                    errors.Add(new ValidationError("UNSUPPORTED_ELEMENT",
                        $"'{looped.DisplayName}' ({looped.ElementName}) has loop or multi-instance characteristics, which this engine does not run yet.",
                        null, at.Line, at.Column, looped.Id));
                }

                if (node is Activity { BoundaryEvents.Count: > 0 } withBoundary)
                {
                    errors.Add(new ValidationError("UNSUPPORTED_ELEMENT",
                        $"'{withBoundary.DisplayName}' has boundary events, which this engine does not run yet.", null, at.Line, at.Column, withBoundary.Id));
                }

                CheckForm(node, errors);
                break;
        }
    }

    private static void CheckForm(FlowNode node, List<ValidationError> errors)
    {
        var fields = node switch
        {
            UserTask task => task.FormFields,
            StartEvent start => start.FormFields,
            _ => null,
        };
        foreach (var field in fields ?? [])
        {
            if (!FormInput.SupportedTypes.Contains(field.Type))
            {
                var at = field.Position.Line > 0 ? field.Position : node.Position;
                errors.Add(new ValidationError("UNSUPPORTED_FORM_FIELD_TYPE",
                    $"Form field '{field.Id}' of '{node.DisplayName}' has type '{field.Type}'; supported types are {string.Join(", ", FormInput.SupportedTypes)}.",
                    field.Id, at.Line, at.Column, node.Id));
            }
        }
    }
}
