using HypermediaBpm.Engine.Expressions.Nodes;
using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions;

/// <summary>
/// A parsed expression, ready to evaluate any number of times, from any number of threads. Produced by
/// <see cref="ExpressionCompiler"/>; compile once at deployment, evaluate per token.
/// </summary>
public sealed class CompiledExpression
{
    private readonly ExpressionNode _root;

    internal CompiledExpression(string source, ExpressionDialect dialect, ExpressionNode root, IReadOnlyCollection<string> variableNames)
    {
        Source = source;
        Dialect = dialect;
        _root = root;
        VariableNames = variableNames;
    }

    /// <summary>The text the expression was compiled from.</summary>
    public string Source { get; }

    /// <summary>The language the text was recognized as.</summary>
    public ExpressionDialect Dialect { get; }

    /// <summary>The distinct top-level variable names the expression refers to, in order of first use.</summary>
    public IReadOnlyCollection<string> VariableNames { get; }

    /// <summary>
    /// Evaluates the expression. The result is in the engine's value model: null, bool, long, double, string,
    /// or a list or map (lists and maps taken from variables are returned as they are, not copied).
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">JUEL: unknown variable or incompatible operands.</exception>
    public object? Evaluate(IVariableResolver variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return _root.Evaluate(new EvaluationContext(Source, variables));
    }

    /// <summary>
    /// Evaluates the expression as a condition (sequence flows, gateways). Only true and false are accepted;
    /// in FEEL null (an unknown result) also counts as false.
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">The result is not a boolean, or evaluation failed.</exception>
    public bool EvaluateCondition(IVariableResolver variables) => Evaluate(variables) switch
    {
        bool result => result,
        null when Dialect == ExpressionDialect.Feel => false,
        var other => throw new ExpressionEvaluationException(Source, $"Condition evaluated to {Values.Describe(other)} instead of true or false"),
    };

    /// <inheritdoc />
    public override string ToString() => Source;
}
