namespace HypermediaBpm.Bpmn.Model;

/// <summary>A <c>camunda:formField</c> (or zeebe user task form field).</summary>
public sealed class FormField
{
    public required string Id { get; init; }

    public string? Label { get; init; }

    /// <summary><c>string</c>, <c>long</c>, <c>boolean</c>, <c>date</c> or <c>enum</c> (others are kept as written).</summary>
    public string Type { get; init; } = "string";

    public string? DefaultValue { get; init; }

    public bool Required { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>For <c>enum</c>: the values (id, label) in order.</summary>
    public List<KeyValuePair<string, string>> Values { get; } = new();

    /// <summary>Validation constraints as written: name → config (e.g. <c>minlength</c> → <c>3</c>).</summary>
    public List<KeyValuePair<string, string?>> Constraints { get; } = new();

    public SourcePosition Position { get; init; }
}
