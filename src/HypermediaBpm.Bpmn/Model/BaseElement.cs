namespace HypermediaBpm.Bpmn.Model;

/// <summary>Anything in a BPMN document that has an id.</summary>
public abstract class BaseElement
{
    public required string Id { get; init; }

    /// <summary>The XML local name, e.g. <c>userTask</c>, so errors can name the element as the modeller wrote it.</summary>
    public required string ElementName { get; init; }

    public SourcePosition Position { get; init; }

    /// <summary>The text of <c>bpmn:documentation</c> (Markdown by convention).</summary>
    public string? Documentation { get; set; }

    /// <summary>Extension attributes by qualified name as written, e.g. <c>camunda:asyncBefore</c>.</summary>
    public Dictionary<string, string> ExtensionAttributes { get; } = new(StringComparer.Ordinal);
}
