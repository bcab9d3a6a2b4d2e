using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Nodes;

/// <summary><c>+ - * / % **</c>.</summary>
internal sealed class ArithmeticNode(int offset, ArithmeticOperator op, ExpressionNode left, ExpressionNode right, Semantics semantics)
    : ExpressionNode(offset, left, right)
{
    public override object? Evaluate(EvaluationContext context) =>
        semantics.Arithmetic(op, left.Evaluate(context), right.Evaluate(context), context);
}

/// <summary>Unary minus.</summary>
internal sealed class NegateNode(int offset, ExpressionNode operand, Semantics semantics) : ExpressionNode(offset, operand)
{
    public override object? Evaluate(EvaluationContext context) => semantics.Negate(operand.Evaluate(context), context);
}

/// <summary>JUEL <c>!x</c> / <c>not x</c> and FEEL <c>not(x)</c>.</summary>
internal sealed class NotNode(int offset, ExpressionNode operand, Semantics semantics) : ExpressionNode(offset, operand)
{
    public override object? Evaluate(EvaluationContext context) => !semantics.Truth(operand.Evaluate(context), context);
}

/// <summary>JUEL <c>empty x</c>.</summary>
internal sealed class EmptyNode(int offset, ExpressionNode operand) : ExpressionNode(offset, operand)
{
    public override object? Evaluate(EvaluationContext context) => Values.IsEmpty(operand.Evaluate(context));
}

/// <summary><c>==</c>/<c>!=</c> (JUEL), <c>=</c>/<c>!=</c> (FEEL).</summary>
internal sealed class EqualityNode(int offset, bool negated, ExpressionNode left, ExpressionNode right, Semantics semantics)
    : ExpressionNode(offset, left, right)
{
    public override object? Evaluate(EvaluationContext context)
    {
        var equal = semantics.Equal(left.Evaluate(context), right.Evaluate(context), context);
        return negated ? !equal : equal;
    }
}

/// <summary><c>&lt; &lt;= &gt; &gt;=</c>.</summary>
internal sealed class ComparisonNode(int offset, ComparisonOperator op, ExpressionNode left, ExpressionNode right, Semantics semantics)
    : ExpressionNode(offset, left, right)
{
    public override object? Evaluate(EvaluationContext context) =>
        semantics.Compare(op, left.Evaluate(context), right.Evaluate(context), context);
}

/// <summary>
/// Logical and: the right side is only evaluated when the left does not already decide (so <c>false &amp;&amp;
/// unknownVar</c> does not fail). In FEEL an unknown operand makes the result unknown (null) unless the other is false.
/// </summary>
internal sealed class AndNode(int offset, ExpressionNode left, ExpressionNode right, Semantics semantics) : ExpressionNode(offset, left, right)
{
    public override object? Evaluate(EvaluationContext context)
    {
        var a = semantics.Truth(left.Evaluate(context), context);
        if (a == false)
        {
            return false;
        }

        var b = semantics.Truth(right.Evaluate(context), context);
        return b == false ? false : a == true && b == true ? true : null;
    }
}

/// <summary>Logical or, short-circuiting like <see cref="AndNode"/>.</summary>
internal sealed class OrNode(int offset, ExpressionNode left, ExpressionNode right, Semantics semantics) : ExpressionNode(offset, left, right)
{
    public override object? Evaluate(EvaluationContext context)
    {
        var a = semantics.Truth(left.Evaluate(context), context);
        if (a == true)
        {
            return true;
        }

        var b = semantics.Truth(right.Evaluate(context), context);
        return b == true ? true : a == false && b == false ? false : null;
    }
}

/// <summary>JUEL <c>c ? a : b</c> and FEEL <c>if c then a else b</c> (where an unknown condition takes the else branch).</summary>
internal sealed class ConditionalNode(int offset, ExpressionNode condition, ExpressionNode then, ExpressionNode otherwise, Semantics semantics)
    : ExpressionNode(offset, condition, then, otherwise)
{
    public override object? Evaluate(EvaluationContext context) =>
        semantics.Truth(condition.Evaluate(context), context) == true ? then.Evaluate(context) : otherwise.Evaluate(context);
}
