using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Writes the JSON-compatible values that resources and problems carry (null, bool, numbers, strings,
/// timestamps, lists, dictionaries), the same way in every JSON representation.
/// </summary>
public static class JsonValues
{
    /// <summary>RFC 3339 UTC with milliseconds: the contract's timestamp format.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// Writer options for every JSON body. Relaxed escaping keeps non-ASCII text readable; it is safe
    /// because JSON bodies are never inlined into HTML by this server.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Fallback for values the switch below does not know (records, POCOs): web defaults, nulls left out.</summary>
    private static readonly JsonSerializerOptions FallbackOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A timestamp as the contract writes it (<c>2030-01-02T03:04:05.006Z</c>).</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes one value; unknown objects go through <see cref="JsonSerializer"/> with web defaults.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(Timestamp(dto));
                break;
            case DateTime dt:
                // Unspecified kinds come from the stores, which keep UTC.
                writer.WriteStringValue(Timestamp(new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc))));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteStringValue(g.ToString("D"));
                break;
            case Uri uri:
                writer.WriteStringValue(uri.OriginalString);
                break;
            case Enum e:
                writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(e.ToString()));
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonDocument document:
                document.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                WriteObject(writer, pairs);
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), FallbackOptions);
                break;
        }
    }

    /// <summary>Writes name/value pairs as one JSON object, in their order.</summary>
    public static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in pairs)
        {
            writer.WritePropertyName(name);
            Write(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>JSON has no NaN or infinity; such a number is written as null rather than failing the whole response.</summary>
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
