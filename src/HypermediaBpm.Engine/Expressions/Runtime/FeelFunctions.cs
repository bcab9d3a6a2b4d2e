namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// The built-in FEEL functions this engine knows. A small, fixed table: the parser rejects any other name at
/// compile time, so a typo fails the deployment rather than a running instance.
/// </summary>
internal static class FeelFunctions
{
    /// <summary>The special form <c>is defined(x)</c>; the parser builds a node for it instead of calling a body.</summary>
    public const string IsDefined = "is defined";

    private static readonly Dictionary<string, FeelFunction> Table = new FeelFunction[]
    {
        new("not", 1, 1, (a, c) => a[0] is bool b ? !b : null),
        new("string", 1, 1, (a, c) => a[0] is null ? null : ValueText.Format(a[0], c)),
        new("number", 1, 1, (a, c) => a[0] switch
        {
            long or double => a[0],
            string s when Values.TryParseNumber(s, out var n) => n,
            _ => null,
        }),
        new("string length", 1, 1, (a, c) => a[0] is string s ? (long)s.Length : null),
        new("upper case", 1, 1, (a, c) => (a[0] as string)?.ToUpperInvariant()),
        new("lower case", 1, 1, (a, c) => (a[0] as string)?.ToLowerInvariant()),
        new("contains", 2, 2, (a, c) => Strings(a, (s, t) => s.Contains(t, StringComparison.Ordinal))),
        new("starts with", 2, 2, (a, c) => Strings(a, (s, t) => s.StartsWith(t, StringComparison.Ordinal))),
        new("ends with", 2, 2, (a, c) => Strings(a, (s, t) => s.EndsWith(t, StringComparison.Ordinal))),
        new("substring", 2, 3, (a, c) => Substring(a)),
        new("count", 1, 1, (a, c) => Values.TryGetList(a[0], out var list) ? (long)list.Count : null),
        new("sum", 1, FeelFunction.Unbounded, (a, c) => Fold(a, (x, y) => Numbers.Apply(ArithmeticOperator.Add, x, y))),
        new("min", 1, FeelFunction.Unbounded, (a, c) => Fold(a, (x, y) => Less(y, x, c) switch { null => null, true => y, false => x })),
        new("max", 1, FeelFunction.Unbounded, (a, c) => Fold(a, (x, y) => Less(x, y, c) switch { null => null, true => y, false => x })),
        new("mean", 1, FeelFunction.Unbounded, (a, c) => Mean(a)),
        new("list contains", 2, 2, (a, c) => Values.TryGetList(a[0], out var list)
            ? list.Any(item => Values.StructuralEquals(item, a[1], c) == true) : null),
        new("append", 1, FeelFunction.Unbounded, (a, c) => Values.TryGetList(a[0], out var list) ? list.Concat(a.Skip(1)).ToList() : null),
        new("abs", 1, 1, (a, c) => a[0] switch { long l when l < 0 => Numbers.Negate(l), long l => l, double d => Math.Abs(d), _ => null }),
        new("floor", 1, 1, (a, c) => Round(a[0], Math.Floor)),
        new("ceiling", 1, 1, (a, c) => Round(a[0], Math.Ceiling)),
        new("modulo", 2, 2, (a, c) => Values.IsNumber(a[0]) && Values.IsNumber(a[1]) ? Modulo(a[0]!, a[1]!) : null),
        new("get value", 2, 2, (a, c) => a[1] is string key && Values.TryGetMap(a[0], out var map) && map.TryGetValue(key, out var value)
            ? Values.Normalize(value) : null),
        new(IsDefined, 1, 1, (a, c) => a[0] is not null),
    }.ToDictionary(function => function.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out FeelFunction function) => Table.TryGetValue(name, out function!);

    /// <summary>Whether some function name starts with these words, so the parser knows to keep reading.</summary>
    public static bool IsNamePrefix(string words) => Table.Keys.Any(name => name.StartsWith(words + " ", StringComparison.Ordinal));

    private static object? Strings(object?[] a, Func<string, string, bool> test) =>
        a[0] is string s && a[1] is string t ? test(s, t) : null;

    // FEEL substring(string, start position, length?): 1-based start, negative counts from the end.
    private static object? Substring(object?[] a)
    {
        if (a[0] is not string s || a[1] is not long start || a.Length > 2 && a[2] is not long)
        {
            return null;
        }

        var from = start > 0 ? start - 1 : s.Length + start;
        if (from < 0 || from > s.Length)
        {
            return null;
        }

        var length = a.Length > 2 ? (long)a[2]! : s.Length - from;
        return length < 0 ? null : s.Substring((int)from, (int)Math.Min(length, s.Length - from));
    }

    // sum/min/max/mean take a list or the values themselves: sum([1, 2]) == sum(1, 2).
    private static IReadOnlyList<object?> Items(object?[] a) =>
        a.Length == 1 && Values.TryGetList(a[0], out var list) ? list.Select(Values.Normalize).ToList() : a;

    private static object? Fold(object?[] a, Func<object, object, object?> step)
    {
        var items = Items(a);
        if (items.Count == 0 || items.Any(item => item is null))
        {
            return null;
        }

        object? result = items[0];
        for (var i = 1; i < items.Count && result is not null; i++)
        {
            result = step(result, items[i]!);
        }

        return result;
    }

    private static bool? Less(object x, object y, EvaluationContext context) =>
        FeelSemantics.Instance.Compare(ComparisonOperator.Less, x, y, context);

    private static object? Mean(object?[] a)
    {
        var items = Items(a);
        return items.Count > 0 && items.All(Values.IsNumber) ? items.Sum(item => Numbers.ToDouble(item!)) / items.Count : null;
    }

    private static object? Round(object? value, Func<double, double> round) => value switch
    {
        long l => (object)l,
        double d when Math.Abs(d) < 9.2e18 => (long)round(d),
        double d => round(d),
        _ => null,
    };

    // FEEL modulo takes the sign of the divisor: modulo(-12, 5) = 3.
    private static object? Modulo(object dividend, object divisor)
    {
        var remainder = Numbers.Apply(ArithmeticOperator.Remainder, dividend, divisor);
        if (remainder is null || Numbers.Compare(remainder, 0L) == 0 || Numbers.Compare(remainder, 0L) < 0 == Numbers.Compare(divisor, 0L) < 0)
        {
            return remainder;
        }

        return Numbers.Apply(ArithmeticOperator.Add, remainder, divisor);
    }
}
