using System.Text.Json;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// What <c>send</c> and <c>broadcast</c> submit: <c>name</c>, <c>correlationKey</c>, <c>variables</c> (a JSON
/// object, or its text from an HTML textarea) and <c>ttl</c> (an ISO 8601 duration).
/// </summary>
public sealed record EventInput(string Name, string? CorrelationKey, IReadOnlyDictionary<string, object?> Variables, TimeSpan? TimeToLive)
{
    public static EventInput From(RequestValues values, DateTimeOffset now)
    {
        var name = values.Take("name") ?? string.Empty;
        var key = values.Take("correlationKey");
        var ttlText = values.Take("ttl");
        values.Values.Remove("variables", out var raw);
        var errors = new List<ValidationError>();
        var variables = raw switch
        {
            null => new Dictionary<string, object?>(StringComparer.Ordinal),
            Dictionary<string, object?> map => map,
            string text when string.IsNullOrWhiteSpace(text) => new Dictionary<string, object?>(StringComparer.Ordinal),
            string text => ParseObject(text, errors),
            _ => Invalid(errors),
        };
        TimeSpan? ttl = null;
        if (!string.IsNullOrWhiteSpace(ttlText))
        {
            if (IsoDuration.TryParse(ttlText, out var duration) && duration.AddTo(now) - now is { } span && span > TimeSpan.Zero)
            {
                ttl = span;
            }
            else
            {
                errors.Add(new ValidationError("FIELD_INVALID", $"'{ttlText}' is not a positive ISO 8601 duration (e.g. PT1H).", "ttl"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException("INVALID_INPUT", errors[0].Message, errors);
        }

        return new EventInput(name, string.IsNullOrWhiteSpace(key) ? null : key.Trim(), variables, ttl);
    }

    private static Dictionary<string, object?> ParseObject(string text, List<ValidationError> errors)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return VariableJson.Deserialize(text);
            }
        }
        catch (JsonException)
        {
            // Reported below like any other shape that is not an object.
        }

        return Invalid(errors);
    }

    private static Dictionary<string, object?> Invalid(List<ValidationError> errors)
    {
        errors.Add(new ValidationError("FIELD_INVALID", "'variables' must be a JSON object of names to values.", "variables"));
        return new Dictionary<string, object?>(StringComparer.Ordinal);
    }
}
