using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;

namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// The engine's value model as expressions see it: null, bool, long, double, string, lists and string-keyed maps.
/// Other CLR shapes that callers commonly hand over (int, decimal, IDictionary, ...) are normalized on the way in.
/// </summary>
internal static class Values
{
    /// <summary>Deepest list/map nesting compared or formatted; deeper data is refused instead of recursing.</summary>
    public const int MaxDataDepth = 128;

    public static object? Normalize(object? value) => value switch
    {
        null or bool or long or double or string => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        ushort us => (long)us,
        uint ui => (long)ui,
        ulong ul => ul <= long.MaxValue ? (object)(long)ul : (double)ul,
        float f => (double)f,
        decimal m => (double)m,
        char c => c.ToString(),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        _ => value,
    };

    public static bool IsNumber(object? value) => value is long or double;

    public static bool TryGetList(object? value, out IReadOnlyList<object?> list)
    {
        switch (value)
        {
            case string:
                break;
            case IReadOnlyList<object?> readOnly:
                list = readOnly;
                return true;
            case IList plain:
                // Lists of value types (List<long>) are not covariant to IReadOnlyList<object?>.
                list = plain.Cast<object?>().ToList();
                return true;
        }

        list = [];
        return false;
    }

    public static bool TryGetMap(object? value, out IReadOnlyDictionary<string, object?> map)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> readOnly:
                map = readOnly;
                return true;
            case IDictionary<string, object?> dictionary:
                map = new ReadOnlyDictionary<string, object?>(dictionary);
                return true;
            default:
                map = ReadOnlyDictionary<string, object?>.Empty;
                return false;
        }
    }

    /// <summary>Names the kind of a value for error messages: "a string", "a list", ...</summary>
    public static string Describe(object? value) => Normalize(value) switch
    {
        null => "null",
        bool => "a boolean",
        long or double => "a number",
        string => "a string",
        var v when TryGetMap(v, out _) => "a map",
        var v when TryGetList(v, out _) => "a list",
        var v => $"an unsupported value of type {v.GetType().Name}",
    };

    public static string FormatNumber(object number) => number switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(number, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static bool TryParseNumber(string text, out object number)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            number = l;
            return true;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            number = d;
            return true;
        }

        number = 0L;
        return false;
    }

    /// <summary>
    /// Structural equality: numbers numerically (1 == 1.0), strings ordinally, lists item by item, maps key by key.
    /// Returns null when the two values are of kinds that cannot be compared at all.
    /// </summary>
    public static bool? StructuralEquals(object? left, object? right, EvaluationContext context, int depth = 0)
    {
        if (depth > MaxDataDepth)
        {
            throw context.Fail($"Values nest more than {MaxDataDepth} levels deep to compare");
        }

        left = Normalize(left);
        right = Normalize(right);
        switch (left, right)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (long or double, long or double):
                return Numbers.Compare(left, right) == 0;
            case (string a, string b):
                return string.Equals(a, b, StringComparison.Ordinal);
            case (bool a, bool b):
                return a == b;
        }

        if (TryGetList(left, out var leftList) && TryGetList(right, out var rightList))
        {
            if (leftList.Count != rightList.Count)
            {
                return false;
            }

            for (var i = 0; i < leftList.Count; i++)
            {
                if (StructuralEquals(leftList[i], rightList[i], context, depth + 1) != true)
                {
                    return false;
                }
            }

            return true;
        }

        if (TryGetMap(left, out var leftMap) && TryGetMap(right, out var rightMap))
        {
            if (leftMap.Count != rightMap.Count)
            {
                return false;
            }

            foreach (var (key, value) in leftMap)
            {
                if (!rightMap.TryGetValue(key, out var other) || StructuralEquals(value, other, context, depth + 1) != true)
                {
                    return false;
                }
            }

            return true;
        }

        var leftIsCollection = TryGetList(left, out _) || TryGetMap(left, out _);
        var rightIsCollection = TryGetList(right, out _) || TryGetMap(right, out _);
        return leftIsCollection && rightIsCollection ? false : null;
    }

    /// <summary>EL/FEEL emptiness: null, "", and empty lists and maps.</summary>
    public static bool IsEmpty(object? value) => Normalize(value) switch
    {
        null => true,
        string s => s.Length == 0,
        var v when TryGetList(v, out var list) => list.Count == 0,
        var v when TryGetMap(v, out var map) => map.Count == 0,
        _ => false,
    };
}
