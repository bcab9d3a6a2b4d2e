using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// A browser form only sends text. Where a form edits variables that already exist (an incident's <c>retry</c>), each
/// value is read back as the type the variable has now — a number stays a number, a yes/no a boolean (an unticked box is
/// <c>false</c>), structured data JSON — so that fixing a value through a page never turns <c>5000</c> into <c>"5000"</c>.
/// </summary>
public static class VariableFormValues
{
    /// <summary>How many variables a form offers for editing; the rest can be set through the API.</summary>
    public const int MaxFields = 50;

    /// <summary>The variables a form edits: the first <see cref="MaxFields"/> by name.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Editable(IReadOnlyDictionary<string, object?> variables) =>
        variables.OrderBy(v => v.Key, StringComparer.Ordinal).Take(MaxFields);

    /// <summary>The submitted fields typed like the current variables; fields that are no variable stay text. Throws a 422 for values that do not fit.</summary>
    public static Dictionary<string, object?> Typed(IReadOnlyDictionary<string, object?> submitted, IReadOnlyDictionary<string, object?> current)
    {
        var typed = new Dictionary<string, object?>(submitted, StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        foreach (var (name, now) in Editable(current))
        {
            var text = submitted.GetValueOrDefault(name) as string;
            if (now is bool)
            {
                typed[name] = text is not null && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "on");
                continue;
            }

            if (text is null)
            {
                continue;
            }

            try
            {
                typed[name] = now switch
                {
                    long or int => long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
                    double or decimal or float => double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
                    IDictionary<string, object?> or System.Collections.IList => ParseJson(text),
                    _ => text,
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or JsonException)
            {
                errors.Add(new ValidationError(Problems.ProblemCodes.VariableInvalid, $"'{name}' must be {Kind(now)}, like its current value.", name));
            }
        }

        return errors.Count == 0 ? typed : throw new ValidationException(Problems.ProblemCodes.VariableInvalid, "Some values do not fit their variables.", errors);
    }

    private static object? ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return VariableJson.FromElement(document.RootElement);
    }

    private static string Kind(object? value) => value switch
    {
        long or int => "a whole number",
        double or decimal or float => "a number",
        _ => "JSON",
    };
}
