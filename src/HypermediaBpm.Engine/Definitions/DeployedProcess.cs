using System.Collections.Concurrent;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// A deployed definition ready to run: the stored record, its parsed model and its compiled expressions.
/// Immutable once built, so it is safe to share between commands and cache by id.
/// </summary>
public sealed class DeployedProcess
{
    private readonly ConcurrentDictionary<string, CompiledExpression> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CompiledExpression> _conditions = new(StringComparer.Ordinal);

    internal DeployedProcess(DefinitionRecord record, ValidatedModel model)
    {
        Record = record;
        Definitions = model.Definitions;
        Process = model.Process;
        Conditions = model.Conditions;
        Loops = model.Loops;
        Structure = new ProcessStructure(model.Process);
    }

    public DefinitionRecord Record { get; }

    public BpmnDefinitions Definitions { get; }

    public BpmnProcess Process { get; }

    /// <summary>Compiled <c>conditionExpression</c>s by sequence flow id.</summary>
    public IReadOnlyDictionary<string, CompiledExpression> Conditions { get; }

    /// <summary>Compiled loop and multi-instance characteristics by activity id.</summary>
    public IReadOnlyDictionary<string, LoopPlan> Loops { get; }

    /// <summary>Scopes, event subprocesses, inclusive joins and links, worked out once.</summary>
    public ProcessStructure Structure { get; }

    public FlowNode Node(string id) =>
        Process.ElementsById.TryGetValue(id, out var element) && element is FlowNode node
            ? node
            : throw new InvalidDataException($"Process '{Record.Id}' has no flow node '{id}'.");

    /// <summary>A text that may hold expressions (assignee, candidate groups…), compiled once.</summary>
    public CompiledExpression Template(string text) => _templates.GetOrAdd(text, ExpressionCompiler.CompileTemplate);

    /// <summary>A condition the model holds outside sequence flows (a conditional event's, an activation condition), compiled once.</summary>
    public CompiledExpression Condition(string source) => _conditions.GetOrAdd(source.Trim(), ExpressionCompiler.Compile);

    /// <summary>The start event a plain start uses.</summary>
    public StartEvent? NoneStartEvent => Process.NoneStartEvent;
}
