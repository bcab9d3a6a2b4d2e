using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Expressions;

/// <summary>
/// A compiled expression failed while it was evaluated (unknown JUEL variable, incompatible operands, a
/// condition that is not a boolean). The message names the cause and the expression.
/// </summary>
public sealed class ExpressionEvaluationException : EngineException
{
    internal ExpressionEvaluationException(string expression, string cause)
        : base("EXPRESSION_FAILED", $"{cause} in {expression}", new Dictionary<string, object?>
        {
            ["expression"] = expression,
            ["cause"] = cause,
        })
    {
        Expression = expression;
        Cause = cause;
    }

    /// <summary>The source text of the failing expression.</summary>
    public string Expression { get; }

    /// <summary>What went wrong, without the expression (e.g. "Unknown variable 'amount'").</summary>
    public string Cause { get; }
}
