namespace HypermediaBpm.Server.Resources;

/// <summary>
/// One state transition allowed now (a HAL-FORMS template, an HTML form). A resource carries a template
/// only while the transition is allowed.
/// </summary>
public sealed class Template
{
    public required string Name { get; init; }

    /// <summary>HTTP method: GET, POST, PUT, PATCH or DELETE.</summary>
    public required string Method { get; init; }

    public required string Target { get; init; }

    public string ContentType { get; init; } = "application/json";

    public string? Title { get; init; }

    public List<TemplateProperty> Properties { get; } = new();
}

/// <summary>A HAL-FORMS property. <see cref="Type"/> is an HTML input type (text, number, checkbox, date, textarea, file, hidden…).</summary>
public sealed record TemplateProperty(
    string Name,
    string? Prompt = null,
    string Type = "text",
    bool Required = false,
    string? Value = null,
    IReadOnlyList<TemplateOption>? Options = null,
    string? Regex = null,
    bool ReadOnly = false);

public sealed record TemplateOption(string Value, string Prompt);
