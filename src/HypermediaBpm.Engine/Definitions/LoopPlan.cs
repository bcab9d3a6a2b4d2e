using HypermediaBpm.Engine.Expressions;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>The compiled expressions of one activity's loop or multi-instance characteristics.</summary>
/// <param name="Cardinality"><c>loopCardinality</c>: how many instances.</param>
/// <param name="Collection"><c>camunda:collection</c> (a variable name or <c>${…}</c>) / zeebe <c>inputCollection</c>.</param>
/// <param name="Completion"><c>completionCondition</c>, checked after each instance completes.</param>
/// <param name="LoopCondition">Standard loop: <c>loopCondition</c>.</param>
/// <param name="OutputElement">Zeebe <c>outputElement</c>, collected into <c>outputCollection</c>.</param>
/// <param name="Maximum">Standard loop: <c>loopMaximum</c>.</param>
public sealed record LoopPlan(
    CompiledExpression? Cardinality,
    CompiledExpression? Collection,
    CompiledExpression? Completion,
    CompiledExpression? LoopCondition,
    CompiledExpression? OutputElement,
    int? Maximum);
