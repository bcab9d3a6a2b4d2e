using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Forms;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// Decides at deploy time whether a model can run here: the parser's problems, every element against
/// the behaviour table, every expression compiled. Everything wrong is reported at once, located.
/// </summary>
public sealed class DeploymentValidator(IElementRules behaviors)
{
    public const string InvalidCode = "BPMN_INVALID";

    /// <summary>Parses and checks text (written in the encoding its declaration names); throws <see cref="ValidationException"/> listing every problem.</summary>
    public ValidatedModel Validate(string bpmnXml) => Validate(BpmnSource.FromText(bpmnXml));

    /// <summary>Parses the document from its bytes and checks it; throws <see cref="ValidationException"/> listing every problem.</summary>
    public ValidatedModel Validate(BpmnSource source)
    {
        var result = BpmnParser.Parse(source);
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
        var loops = new Dictionary<string, LoopPlan>(StringComparer.Ordinal);
        if (process is not null)
        {
            ModelLimits.Check(process, errors);
            foreach (var element in process.ElementsById.Values)
            {
                CheckElement(element, conditions, loops, errors);
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

        return new ValidatedModel(definitions!, process!, conditions) { Loops = loops };
    }

    /// <summary>A stored definition made ready to run again from its kept document.</summary>
    public DeployedProcess Build(DefinitionRecord record, BpmnSource source) =>
        new(record, record.Executable ? Validate(source) : DocumentationModels.Parse(source));

    private void CheckElement(
        FlowElement element, Dictionary<string, CompiledExpression> conditions, Dictionary<string, LoopPlan> loops, List<ValidationError> errors)
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

                if (node is Activity { LoopCharacteristics: { } loop } looped && CompileLoop(looped, loop, errors) is { } plan)
                {
                    loops[looped.Id] = plan;
                }

                behaviors.CheckDetails(node, errors);

                CheckForm(node, errors);
                break;
        }
    }

    /// <summary>Compiles a loop's expressions; null (with the problems added) when one is missing or invalid.</summary>
    private static LoopPlan? CompileLoop(Activity activity, LoopCharacteristics loop, List<ValidationError> errors)
    {
        var at = loop.Position.Line > 0 ? loop.Position : activity.Position;
        var before = errors.Count;
        CompiledExpression? Compile(string? source, string what)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                return null;
            }

            if (ExpressionCompiler.TryCompile(source.Trim(), out var compiled, out var error))
            {
                return compiled;
            }

            errors.Add(new ValidationError("LOOP_EXPRESSION_INVALID",
                $"The {what} of '{activity.DisplayName}' does not parse: {error!.Message}", null, at.Line, at.Column, activity.Id));
            return null;
        }

        int? maximum = null;
        if (!loop.IsMultiInstance && loop.LoopMaximum is { } max)
        {
            if (int.TryParse(max, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
            {
                maximum = parsed;
            }
            else
            {
                errors.Add(new ValidationError("LOOP_EXPRESSION_INVALID",
                    $"The loopMaximum '{max}' of '{activity.DisplayName}' is not a whole number.", null, at.Line, at.Column, activity.Id));
            }
        }

        var plan = new LoopPlan(
            Compile(loop.LoopCardinality, "loopCardinality"),
            Compile(loop.Collection, "collection"),
            Compile(loop.CompletionCondition, "completionCondition"),
            Compile(loop.LoopCondition, "loopCondition"),
            Compile(loop.OutputElement, "outputElement"),
            maximum);
        if (loop.IsMultiInstance && string.IsNullOrWhiteSpace(loop.LoopCardinality) && string.IsNullOrWhiteSpace(loop.Collection))
        {
            errors.Add(new ValidationError("LOOP_EXPRESSION_INVALID",
                $"Multi-instance '{activity.DisplayName}' has neither a loopCardinality nor a collection, so it cannot know how many instances to run.",
                null, at.Line, at.Column, activity.Id));
        }

        if (!loop.IsMultiInstance && plan.LoopCondition is null && maximum is null)
        {
            errors.Add(new ValidationError("LOOP_EXPRESSION_INVALID",
                $"Standard loop '{activity.DisplayName}' has neither a loopCondition nor a loopMaximum, so it would never stop.",
                null, at.Line, at.Column, activity.Id));
        }

        return errors.Count == before ? plan : null;
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
