namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>The arithmetic operators both dialects share.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Power,
}

/// <summary>
/// Arithmetic on normalized numbers (long or double). Two longs stay long while the result fits; an overflow
/// falls back to double instead of wrapping around. Division always yields a double (EL spec and FEEL agree).
/// </summary>
internal static class Numbers
{
    /// <summary>The result, or null when it is undefined (division by zero, not a finite number).</summary>
    public static object? Apply(ArithmeticOperator op, object left, object right)
    {
        if (left is long a && right is long b)
        {
            switch (op)
            {
                case ArithmeticOperator.Add when !long.IsNegative((a ^ unchecked(a + b)) & (b ^ unchecked(a + b))):
                    return a + b;
                case ArithmeticOperator.Subtract when !long.IsNegative((a ^ b) & (a ^ unchecked(a - b))):
                    return a - b;
                case ArithmeticOperator.Multiply when Math.BigMul(a, b, out var low) == low >> 63:
                    return low;
                case ArithmeticOperator.Remainder:
                    // long.MinValue % -1 overflows in .NET although the answer is simply 0.
                    return b == 0 ? null : b == -1 ? 0L : a % b;
                case ArithmeticOperator.Power when b >= 0 && TryPower(a, b, out var power):
                    return power;
            }
        }

        var x = ToDouble(left);
        var y = ToDouble(right);
        var result = op switch
        {
            ArithmeticOperator.Add => x + y,
            ArithmeticOperator.Subtract => x - y,
            ArithmeticOperator.Multiply => x * y,
            ArithmeticOperator.Divide => y == 0 ? double.NaN : x / y,
            ArithmeticOperator.Remainder => y == 0 ? double.NaN : x % y,
            ArithmeticOperator.Power => Math.Pow(x, y),
            _ => double.NaN,
        };
        return double.IsFinite(result) ? result : null;
    }

    public static object? Negate(object number) => number switch
    {
        long l when l != long.MinValue => (object)-l,
        long l => -(double)l,
        double d => -d,
        _ => null,
    };

    /// <summary>Numeric comparison that stays exact for large longs compared with doubles.</summary>
    public static int Compare(object left, object right)
    {
        if (left is long a && right is long b)
        {
            return a.CompareTo(b);
        }

        var x = ToDouble(left);
        var y = ToDouble(right);
        var byDouble = x.CompareTo(y);
        if (byDouble != 0 || left is double && right is double)
        {
            return byDouble;
        }

        // Equal as doubles: a long beyond 2^53 may still differ from the double it rounds to.
        return (left, right) switch
        {
            (long l, double d) when d is >= -9.2e18 and <= 9.2e18 => l.CompareTo((long)d),
            (double d, long l) when d is >= -9.2e18 and <= 9.2e18 => ((long)d).CompareTo(l),
            _ => 0,
        };
    }

    public static double ToDouble(object number) => number switch
    {
        long l => l,
        double d => d,
        _ => double.NaN,
    };

    private static bool TryPower(long value, long exponent, out long result)
    {
        result = 1;
        var factor = value;
        try
        {
            // Square-and-multiply; 63 rounds at most, so a huge exponent costs nothing before it overflows.
            while (exponent > 0)
            {
                if ((exponent & 1) == 1)
                {
                    result = checked(result * factor);
                }

                exponent >>= 1;
                if (exponent > 0)
                {
                    factor = checked(factor * factor);
                }
            }

            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
