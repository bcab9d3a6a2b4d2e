using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using JsEngine = Jint.Engine;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Copies values between the engine's value model and JavaScript. Scripts only ever see plain JS objects,
/// arrays and primitives built here — never a wrapped CLR object, which would expose .NET members. Values coming
/// back are bounded in depth and size because they end up persisted as JSON.
/// </summary>
internal sealed class JsValueConverter(JsEngine engine)
{
    /// <summary>Deepest nesting of objects and arrays accepted from a script (JSON stores read 64 levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>Most array items and object properties one conversion may produce.</summary>
    public const int MaxItems = 1_000_000;

    private int _items;

    public JsValue ToJs(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new NotStorableException($"a value nests more than {MaxDepth} levels deep");
        }

        switch (value)
        {
            case null:
                return JsValue.Null;
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case string s:
                return new JsString(s);
            case long or int or short or byte or sbyte or uint or ushort or ulong or double or float or decimal:
                return new JsNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case DateTimeOffset or DateTime:
                return new JsString(((IFormattable)value).ToString("O", CultureInfo.InvariantCulture));
            case IReadOnlyDictionary<string, object?> map:
                return ToJsObject(map, depth);
            case IDictionary<string, object?> dictionary:
                return ToJsObject(dictionary, depth);
            case IReadOnlyList<object?> list:
                return ToJsArray(list, depth);
            case System.Collections.IList plain:
                return ToJsArray(plain.Cast<object?>().ToList(), depth);
            default:
                throw new NotStorableException($"a value of type {value.GetType().Name} cannot be passed to a script");
        }
    }

    /// <summary>Converts a script value back; <see cref="NotStorableException"/> says why it cannot be kept.</summary>
    public object? FromJs(JsValue value)
    {
        _items = 0;
        return FromJs(value, 0, new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance));
    }

    private JsValue ToJsObject(IEnumerable<KeyValuePair<string, object?>> entries, int depth)
    {
        var result = new JsObject(engine);
        foreach (var (key, item) in entries)
        {
            result.FastSetDataProperty(key, ToJs(item, depth + 1));
        }

        return result;
    }

    private JsValue ToJsArray(IReadOnlyList<object?> list, int depth)
    {
        var items = new JsValue[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            items[i] = ToJs(list[i], depth + 1);
        }

        return new JsArray(engine, items);
    }

    private object? FromJs(JsValue value, int depth, HashSet<ObjectInstance> path)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        if (value.IsBoolean())
        {
            return value.AsBoolean();
        }

        if (value.IsNumber())
        {
            return FromNumber(value.AsNumber());
        }

        if (value.IsString())
        {
            return value.AsString();
        }

        if (value.IsBigInt() || value.IsSymbol())
        {
            throw new NotStorableException($"a {(value.IsBigInt() ? "BigInt" : "symbol")} cannot be stored");
        }

        if (value is JsDate date)
        {
            var time = date.DateValue;
            return double.IsFinite(time)
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)time).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
                : null;
        }

        var target = value.AsObject();
        switch (target)
        {
            case Function:
                throw new NotStorableException("a function cannot be stored");
            case var _ when value.IsRegExp():
                throw new NotStorableException("a regular expression cannot be stored");
            case var _ when IsPrimitiveWrapper(target):
                return FromJs(TypeConverter.ToPrimitive(value, Types.Empty), depth, path);
        }

        if (depth >= MaxDepth)
        {
            throw new NotStorableException($"the value nests more than {MaxDepth} levels deep");
        }

        if (!path.Add(target))
        {
            throw new NotStorableException("the value contains a circular reference");
        }

        object result = value.IsArray() ? FromArray(target, depth, path) : FromObject(target, depth, path);
        path.Remove(target);
        return result;
    }

    private List<object?> FromArray(ObjectInstance array, int depth, HashSet<ObjectInstance> path)
    {
        var length = TypeConverter.ToLength(array.Get("length"));
        Count((long)Math.Min(length, long.MaxValue));
        var list = new List<object?>((int)length);
        for (var i = 0u; i < length; i++)
        {
            list.Add(FromJs(array.Get(i), depth + 1, path));
        }

        return list;
    }

    private Dictionary<string, object?> FromObject(ObjectInstance target, int depth, HashSet<ObjectInstance> path)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Symbol keys have no JSON form; JSON.stringify leaves them out too.
        var keys = target.GetOwnProperties()
            .Where(property => property.Value.Enumerable && property.Key.IsString())
            .Select(property => property.Key)
            .ToList();
        Count(keys.Count);
        foreach (var key in keys)
        {
            map[key.AsString()] = FromJs(target.Get(key), depth + 1, path);
        }

        return map;
    }

    private void Count(long items)
    {
        _items += (int)Math.Min(items, MaxItems + 1L);
        if (_items > MaxItems)
        {
            throw new NotStorableException($"the value has more than {MaxItems} items");
        }
    }

    // new Number(4), new String('s'), new Boolean(true): Jint keeps their classes internal.
    private static bool IsPrimitiveWrapper(ObjectInstance target) =>
        target.GetType().Name is "NumberInstance" or "StringInstance" or "BooleanInstance";

    // Integral numbers in long range become long (the engine's integer type); NaN and Infinity have no JSON form.
    private static object? FromNumber(double number) => number switch
    {
        _ when !double.IsFinite(number) => null,
        _ when number == Math.Floor(number) && number is >= -9.2233720368547758E18 and < 9.2233720368547758E18 => (object)(long)number,
        _ => number,
    };
}

/// <summary>A script value that cannot become a variable; the message completes "cannot be stored: ...".</summary>
internal sealed class NotStorableException(string reason) : Exception(reason);
