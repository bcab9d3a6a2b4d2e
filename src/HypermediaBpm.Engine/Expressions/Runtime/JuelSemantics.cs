namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// Unified EL (JSR 245, section 1.8) coercions, kept to the value model: null counts as 0 in arithmetic and as
/// false in logic, numeric strings coerce to numbers, and anything that cannot coerce is an error — as Camunda 7
/// reports it — rather than a silent null.
/// </summary>
internal sealed class JuelSemantics : Semantics
{
    public static JuelSemantics Instance { get; } = new();

    public override bool UnknownVariableIsNull => false;

    public override object? Arithmetic(ArithmeticOperator op, object? left, object? right, EvaluationContext context)
    {
        var a = ToNumber(left, context);
        var b = ToNumber(right, context);
        if (op == ArithmeticOperator.Divide)
        {
            // EL divides as double even for two integers.
            a = Numbers.ToDouble(a);
            b = Numbers.ToDouble(b);
        }

        var result = Numbers.Apply(op, a, b);
        if (result is null)
        {
            var isDivision = op is ArithmeticOperator.Divide or ArithmeticOperator.Remainder;
            throw context.Fail(isDivision && Numbers.ToDouble(b) == 0 ? "Division by zero" : "Arithmetic result is not a finite number");
        }

        return result;
    }

    public override object? Negate(object? operand, EvaluationContext context) => Numbers.Negate(ToNumber(operand, context));

    public override bool? Equal(object? left, object? right, EvaluationContext context)
    {
        left = Values.Normalize(left);
        right = Values.Normalize(right);
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (Values.IsNumber(left) || Values.IsNumber(right))
        {
            return Numbers.Compare(ToNumber(left, context), ToNumber(right, context)) == 0;
        }

        if (left is bool || right is bool)
        {
            return ToBoolean(left, context) == ToBoolean(right, context);
        }

        return Values.StructuralEquals(left, right, context)
            ?? throw context.Fail($"Cannot compare {Values.Describe(left)} with {Values.Describe(right)}");
    }

    public override bool? Compare(ComparisonOperator op, object? left, object? right, EvaluationContext context)
    {
        left = Values.Normalize(left);
        right = Values.Normalize(right);
        if (left is null || right is null)
        {
            // EL: null <= null and null >= null hold; any other ordering with null is false.
            return left is null && right is null && op is ComparisonOperator.LessOrEqual or ComparisonOperator.GreaterOrEqual;
        }

        if (Values.IsNumber(left) || Values.IsNumber(right))
        {
            return Order(op, Numbers.Compare(ToNumber(left, context), ToNumber(right, context)));
        }

        if (left is string a && right is string b)
        {
            return Order(op, string.CompareOrdinal(a, b));
        }

        throw context.Fail($"Cannot order {Values.Describe(left)} against {Values.Describe(right)}");
    }

    public override bool? Truth(object? operand, EvaluationContext context) => ToBoolean(Values.Normalize(operand), context);

    public override object? Member(object? target, string name, EvaluationContext context)
    {
        target = Values.Normalize(target);
        if (target is null)
        {
            return null;
        }

        if (Values.TryGetMap(target, out var map))
        {
            return map.TryGetValue(name, out var value) ? Values.Normalize(value) : null;
        }

        throw context.Fail($"Cannot read property '{name}' of {Values.Describe(target)}");
    }

    /// <summary><c>target[index]</c>: 0-based list index (out of range is null) or map key.</summary>
    public object? Index(object? target, object? index, EvaluationContext context)
    {
        target = Values.Normalize(target);
        index = Values.Normalize(index);
        if (target is null)
        {
            return null;
        }

        if (Values.TryGetMap(target, out var map))
        {
            var key = ValueText.Format(index, context);
            return map.TryGetValue(key, out var value) ? Values.Normalize(value) : null;
        }

        if (Values.TryGetList(target, out var list))
        {
            var position = ToNumber(index, context);
            if (position is double d && d != Math.Floor(d))
            {
                throw context.Fail($"List index {Values.FormatNumber(d)} is not a whole number");
            }

            var i = Numbers.ToDouble(position);
            return i >= 0 && i < list.Count ? Values.Normalize(list[(int)i]) : null;
        }

        throw context.Fail($"Cannot index into {Values.Describe(target)}");
    }

    private static object ToNumber(object? value, EvaluationContext context)
    {
        value = Values.Normalize(value);
        return value switch
        {
            null => 0L,
            long or double => value,
            string s when Values.TryParseNumber(s, out var number) => number,
            string s => throw context.Fail($"Cannot convert '{s}' to a number"),
            _ => throw context.Fail($"Cannot use {Values.Describe(value)} as a number"),
        };
    }

    private static bool ToBoolean(object? value, EvaluationContext context) => value switch
    {
        null => false,
        bool b => b,
        string s => string.Equals(s.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        _ => throw context.Fail($"Cannot use {Values.Describe(value)} as a boolean"),
    };
}
