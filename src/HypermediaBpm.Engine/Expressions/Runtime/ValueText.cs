using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// Turns values into text for templates and FEEL <c>string()</c>: scalars plainly, lists and maps as JSON.
/// Written by hand over <see cref="Utf8JsonWriter"/> so any value-model shape works and depth stays bounded.
/// </summary>
internal static class ValueText
{
    public static string Format(object? value, EvaluationContext context)
    {
        value = Values.Normalize(value);
        switch (value)
        {
            case null:
                return string.Empty;
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case long or double:
                return Values.FormatNumber(value);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            Write(writer, value, context, 0);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value, EvaluationContext context, int depth)
    {
        if (depth > Values.MaxDataDepth)
        {
            throw context.Fail($"A value nests more than {Values.MaxDataDepth} levels deep to be turned into text");
        }

        value = Values.Normalize(value);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case double d:
                writer.WriteNumberValue(d);
                return;
        }

        if (Values.TryGetMap(value, out var map))
        {
            writer.WriteStartObject();
            foreach (var (key, item) in map)
            {
                writer.WritePropertyName(key);
                Write(writer, item, context, depth + 1);
            }

            writer.WriteEndObject();
        }
        else if (Values.TryGetList(value, out var list))
        {
            writer.WriteStartArray();
            foreach (var item in list)
            {
                Write(writer, item, context, depth + 1);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }
}
