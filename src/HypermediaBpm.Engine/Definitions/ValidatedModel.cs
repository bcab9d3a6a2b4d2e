using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Expressions;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>A model that passed validation.</summary>
public sealed record ValidatedModel(BpmnDefinitions Definitions, BpmnProcess Process, IReadOnlyDictionary<string, CompiledExpression> Conditions)
{
    /// <summary>Compiled loop and multi-instance characteristics by activity id.</summary>
    public IReadOnlyDictionary<string, LoopPlan> Loops { get; init; } = new Dictionary<string, LoopPlan>();
}
