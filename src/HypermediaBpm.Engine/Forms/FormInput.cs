using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Forms;

/// <summary>
/// Turns submitted values (typed JSON or the strings of an HTML form) into typed variables according to
/// a start or task form's fields, and reports every field that is wrong at once.
/// </summary>
public static class FormInput
{
    public const string InvalidCode = "INVALID_FORM_INPUT";

    public static readonly IReadOnlyList<string> SupportedTypes = ["string", "long", "boolean", "date", "enum"];

    /// <param name="fields">The form's fields (may be empty: then every value passes through).</param>
    /// <param name="submitted">Values by name; extra names become variables as they are.</param>
    /// <param name="absentBooleansAreFalse">HTML forms omit unticked checkboxes, so absence means false.</param>
    public static Dictionary<string, object?> Apply(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, object?> submitted, bool absentBooleansAreFalse = false)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in submitted)
        {
            result[name] = VariableJson.Normalize(value);
        }

        var errors = new List<ValidationError>();
        foreach (var field in fields)
        {
            submitted.TryGetValue(field.Id, out var raw);
            if (field.ReadOnly)
            {
                raw = null;
            }

            if (IsEmpty(raw) && field.Type == "boolean" && absentBooleansAreFalse && !field.ReadOnly)
            {
                raw = false;
            }

            if (IsEmpty(raw))
            {
                if (field.DefaultValue is not null)
                {
                    raw = field.DefaultValue;
                }
                else if (field.Required)
                {
                    errors.Add(Error(field, "FIELD_REQUIRED", $"'{Label(field)}' is required."));
                    continue;
                }
                else
                {
                    result[field.Id] = null;
                    continue;
                }
            }

            if (TryConvert(field, raw, out var typed, out var problem) && CheckConstraints(field, typed, out problem))
            {
                result[field.Id] = typed;
            }
            else
            {
                errors.Add(Error(field, "FIELD_INVALID", problem!));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(InvalidCode,
                errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are not valid: " + string.Join(" ", errors.Select(e => e.Message)),
                errors);
        }

        return result;
    }

    private static bool IsEmpty(object? value) => value is null || (value is string s && s.Length == 0);

    private static string Label(FormField field) => string.IsNullOrWhiteSpace(field.Label) ? field.Id : field.Label!;

    private static ValidationError Error(FormField field, string code, string message) => new(code, message, field.Id);

    private static bool TryConvert(FormField field, object? raw, out object? typed, out string? problem)
    {
        typed = null;
        problem = null;
        var text = raw as string;
        switch (field.Type)
        {
            case "string":
                typed = raw is string or long or double or bool ? Convert.ToString(raw, CultureInfo.InvariantCulture) : null;
                problem = typed is null ? $"'{Label(field)}' must be text." : null;
                break;
            case "long":
                typed = raw switch
                {
                    long l => l,
                    int i => (long)i,
                    double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
                    string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                    _ => null,
                };
                problem = typed is null ? $"'{Label(field)}' must be a whole number, not '{raw}'." : null;
                break;
            case "boolean":
                typed = raw switch
                {
                    bool b => b,
                    string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "on" || s == "1" => true,
                    string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) || s == "off" || s == "0" => false,
                    _ => null,
                };
                problem = typed is null ? $"'{Label(field)}' must be true or false, not '{raw}'." : null;
                break;
            case "date":
                if (text is not null && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    typed = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                else if (text is not null && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                {
                    typed = moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                }
                else if (text is not null && DateOnly.TryParseExact(text.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    // Camunda's default date pattern, so models written for it keep working.
                    typed = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                problem = typed is null ? $"'{Label(field)}' must be a date like 2026-11-21, not '{raw}'." : null;
                break;
            case "enum":
                var choice = Convert.ToString(raw, CultureInfo.InvariantCulture);
                typed = field.Values.Any(v => v.Key == choice) ? choice : null;
                problem = typed is null
                    ? $"'{Label(field)}' must be one of {string.Join(", ", field.Values.Select(v => v.Key))}, not '{raw}'."
                    : null;
                break;
            default:
                problem = $"'{Label(field)}' has the unsupported type '{field.Type}'.";
                break;
        }

        return problem is null;
    }

    private static bool CheckConstraints(FormField field, object? value, out string? problem)
    {
        problem = null;
        foreach (var (name, config) in field.Constraints)
        {
            var limit = double.TryParse(config, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;
            problem = (name.ToLowerInvariant(), value, limit) switch
            {
                ("minlength", string s, { } min) when s.Length < min => $"'{Label(field)}' must have at least {config} characters.",
                ("maxlength", string s, { } max) when s.Length > max => $"'{Label(field)}' must have at most {config} characters.",
                ("min", long l, { } min) when l < min => $"'{Label(field)}' must be at least {config}.",
                ("max", long l, { } max) when l > max => $"'{Label(field)}' must be at most {config}.",
                _ => null,
            };
            if (problem is not null)
            {
                return false;
            }
        }

        return true;
    }
}
