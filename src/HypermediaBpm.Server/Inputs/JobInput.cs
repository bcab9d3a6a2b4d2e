using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// Reads what workers submit to the job templates (JSON, or form fields from the HTML pages): texts, whole numbers,
/// durations as ISO 8601 (<c>PT30S</c>) or milliseconds, and variables as a JSON object (or its text). Every field that
/// cannot be used is collected and reported at once as <c>422 INVALID_INPUT</c>.
/// </summary>
public sealed class JobInput(RequestValues values, DateTimeOffset now)
{
    private readonly List<ValidationError> _errors = [];

    public string? Text(string name, bool required = false)
    {
        var text = values.Take(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                _errors.Add(new ValidationError("FIELD_REQUIRED", $"'{name}' is required.", name));
            }

            return null;
        }

        return text;
    }

    public int? Number(string name)
    {
        var text = values.Take(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            return n;
        }

        _errors.Add(new ValidationError("FIELD_INVALID", $"'{name}' must be a whole number of 0 or more, not '{text}'.", name));
        return null;
    }

    /// <summary>A duration as ISO 8601 (<c>PT5M</c>) or milliseconds (<c>300000</c>); null when not sent.</summary>
    public TimeSpan? Duration(string name, bool required = false)
    {
        var text = values.Take(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                _errors.Add(new ValidationError("FIELD_REQUIRED", $"'{name}' is required.", name));
            }

            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional) && fractional >= 0 && fractional < TimeSpan.MaxValue.TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(fractional);
        }

        if (IsoDuration.TryParse(text, out var iso))
        {
            return iso.AddTo(now) - now;
        }

        _errors.Add(new ValidationError("FIELD_INVALID", $"'{name}' must be an ISO 8601 duration (PT30S) or milliseconds, not '{text}'.", name));
        return null;
    }

    /// <summary>
    /// The variables: the object under <c>variables</c> (or its JSON text from a form), else every field not read yet
    /// (a flat body, as task completion takes it).
    /// </summary>
    public IReadOnlyDictionary<string, object?> Variables()
    {
        if (!values.Values.Remove("variables", out var raw))
        {
            return values.Values;
        }

        switch (raw)
        {
            case null:
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            case Dictionary<string, object?> map:
                return map;
            case string text when string.IsNullOrWhiteSpace(text):
                return new Dictionary<string, object?>(StringComparer.Ordinal);
            case string text when IsObject(text):
                return VariableJson.Deserialize(text);
            default:
                _errors.Add(new ValidationError("FIELD_INVALID", "'variables' must be a JSON object of names to values.", "variables"));
                return new Dictionary<string, object?>(StringComparer.Ordinal);
        }
    }

    /// <summary>Throws <c>422 INVALID_INPUT</c> with every problem found so far.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException("INVALID_INPUT", _errors[0].Message, _errors);
        }
    }

    private static bool IsObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
