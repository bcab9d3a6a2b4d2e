namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// FEEL (DMN 1.3, chapter 10) rules: no coercion, and an operation that is undefined for its operands yields
/// null instead of failing. Equality with null is still defined (<c>x = null</c> is true or false).
/// </summary>
internal sealed class FeelSemantics : Semantics
{
    public static FeelSemantics Instance { get; } = new();

    public override bool UnknownVariableIsNull => true;

    public override object? Arithmetic(ArithmeticOperator op, object? left, object? right, EvaluationContext context)
    {
        left = Values.Normalize(left);
        right = Values.Normalize(right);
        if (left is null || right is null)
        {
            return null;
        }

        if (op == ArithmeticOperator.Add && (left is string || right is string))
        {
            // A relaxation of FEEL (which only joins two strings): "Order " + 42 gives "Order 42".
            return ValueText.Format(left, context) + ValueText.Format(right, context);
        }

        return Values.IsNumber(left) && Values.IsNumber(right) ? Numbers.Apply(op, left, right) : null;
    }

    public override object? Negate(object? operand, EvaluationContext context) =>
        Values.Normalize(operand) is { } value && Values.IsNumber(value) ? Numbers.Negate(value) : null;

    public override bool? Equal(object? left, object? right, EvaluationContext context) =>
        Values.StructuralEquals(left, right, context);

    public override bool? Compare(ComparisonOperator op, object? left, object? right, EvaluationContext context)
    {
        left = Values.Normalize(left);
        right = Values.Normalize(right);
        return (left, right) switch
        {
            (long or double, long or double) => Order(op, Numbers.Compare(left, right)),
            (string a, string b) => Order(op, string.CompareOrdinal(a, b)),
            _ => null,
        };
    }

    public override bool? Truth(object? operand, EvaluationContext context) => Values.Normalize(operand) as bool?;

    public override object? Member(object? target, string name, EvaluationContext context)
    {
        target = Values.Normalize(target);
        if (Values.TryGetMap(target, out var map))
        {
            return map.TryGetValue(name, out var value) ? Values.Normalize(value) : null;
        }

        if (Values.TryGetList(target, out var list))
        {
            // A path on a list projects it: orders.amount is the list of every order's amount.
            return list.Select(item => Member(item, name, context)).ToList();
        }

        return null;
    }
}
