using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Server.Resources;

/// <summary>Turns BPMN form fields into template properties (HAL-FORMS and HTML forms alike).</summary>
public static class FormTemplates
{
    public static TemplateProperty Property(FormField field, object? currentValue = null)
    {
        var value = currentValue is null ? field.DefaultValue : Text(currentValue);
        var prompt = string.IsNullOrWhiteSpace(field.Label) ? field.Id : field.Label;
        return field.Type switch
        {
            "long" => new TemplateProperty(field.Id, prompt, "number", field.Required, value, ReadOnly: field.ReadOnly, Regex: "^-?[0-9]+$"),
            "boolean" => new TemplateProperty(field.Id, prompt, "checkbox", false, value, ReadOnly: field.ReadOnly),
            "date" => new TemplateProperty(field.Id, prompt, "date", field.Required, value, ReadOnly: field.ReadOnly),
            "enum" => new TemplateProperty(field.Id, prompt, "select", field.Required, value,
                field.Values.Select(v => new TemplateOption(v.Key, v.Value)).ToList(), ReadOnly: field.ReadOnly),
            _ => new TemplateProperty(field.Id, prompt, "text", field.Required, value, ReadOnly: field.ReadOnly),
        };
    }

    /// <summary>The form fields as data (the contract's <c>formFields</c>).</summary>
    public static List<Dictionary<string, object?>> Describe(IEnumerable<FormField> fields) =>
        fields.Select(f => new Dictionary<string, object?>
        {
            ["id"] = f.Id,
            ["label"] = f.Label ?? f.Id,
            ["type"] = f.Type,
            ["required"] = f.Required,
            ["defaultValue"] = f.DefaultValue,
            ["values"] = f.Type == "enum" ? f.Values.Select(v => new Dictionary<string, object?> { ["id"] = v.Key, ["name"] = v.Value }).ToList() : null,
        }).ToList();

    private static string? Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
