namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>The comparison operators both dialects share (equality is separate: its null rules differ).</summary>
internal enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// How a dialect gives meaning to the operators. The syntax tree is shared; JUEL coerces and fails loudly,
/// FEEL answers null to what it cannot compute. Each node is handed the semantics of the dialect it was parsed in.
/// </summary>
internal abstract class Semantics
{
    /// <summary>Whether a variable that does not exist evaluates to null (FEEL) instead of failing (JUEL).</summary>
    public abstract bool UnknownVariableIsNull { get; }

    public abstract object? Arithmetic(ArithmeticOperator op, object? left, object? right, EvaluationContext context);

    public abstract object? Negate(object? operand, EvaluationContext context);

    /// <summary>true, false, or null when equality is undefined for the two values (FEEL only).</summary>
    public abstract bool? Equal(object? left, object? right, EvaluationContext context);

    /// <summary>true, false, or null when the values cannot be ordered (FEEL only).</summary>
    public abstract bool? Compare(ComparisonOperator op, object? left, object? right, EvaluationContext context);

    /// <summary>The truth of an operand of and/or/not/?: — null only in FEEL, where it means "unknown".</summary>
    public abstract bool? Truth(object? operand, EvaluationContext context);

    /// <summary><c>target.name</c>.</summary>
    public abstract object? Member(object? target, string name, EvaluationContext context);

    protected static bool Order(ComparisonOperator op, int comparison) => op switch
    {
        ComparisonOperator.Less => comparison < 0,
        ComparisonOperator.LessOrEqual => comparison <= 0,
        ComparisonOperator.Greater => comparison > 0,
        _ => comparison >= 0,
    };
}
