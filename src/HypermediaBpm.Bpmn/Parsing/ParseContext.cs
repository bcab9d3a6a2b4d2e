using System.Globalization;
using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>The state of one <see cref="BpmnParser"/> run: the problems found so far and lookups built on the way.</summary>
internal sealed class ParseContext
{
    /// <summary>
    /// How deep subprocesses (and lanes) may nest. Mapping recurses per level; a hostile file with thousands of
    /// nested subprocesses must get a problem, not a stack overflow that kills the server.
    /// </summary>
    public const int MaxNesting = 64;

    public List<BpmnProblem> Problems { get; } = new();

    /// <summary>Event definitions declared at the root, which events may use through <c>eventDefinitionRef</c>.</summary>
    public Dictionary<string, XElement> RootEventDefinitions { get; } = new(StringComparer.Ordinal);

    public void Error(string code, string message, XElement at, string? elementId) => Add(code, message, at, elementId, ProblemSeverity.Error);

    public void Warning(string code, string message, XElement at, string? elementId) => Add(code, message, at, elementId, ProblemSeverity.Warning);

    public void Add(string code, string message, XElement at, string? elementId, ProblemSeverity severity)
    {
        var position = BpmnXml.PositionOf(at);
        Problems.Add(new BpmnProblem(code, message, position.Line, position.Column, elementId, severity));
    }

    /// <summary>
    /// The element's id. Ids are optional in the schema for sequence flows and associations (old Activiti models
    /// omit them), so a missing one is replaced by <c>sequenceFlow@12:5</c>: the '@' and ':' cannot occur in an
    /// xsd:ID, so the made-up id never collides with a real one. Where an id is needed to refer to the element,
    /// its absence is reported.
    /// </summary>
    public string IdOf(XElement e, bool required)
    {
        var id = BpmnXml.Attr(e, "id");
        if (id is not null)
        {
            return id;
        }

        var at = BpmnXml.PositionOf(e);
        var generated = $"{e.Name.LocalName}@{at.Line}:{at.Column}";
        if (required)
        {
            Error(ProblemCodes.MissingId, $"The {e.Name.LocalName} at {at} has no id, so nothing can refer to it.", e, null);
        }

        return generated;
    }

    /// <summary>An xsd:boolean attribute; a value that is not one is reported and the default used.</summary>
    public bool Bool(XElement e, XName attribute, bool fallback)
    {
        var raw = BpmnXml.Clean((string?)e.Attribute(attribute));
        switch (raw)
        {
            case null:
                return fallback;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                if (raw.Equals("true", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (raw.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                Warning(ProblemCodes.InvalidValue,
                    $"The attribute {attribute.LocalName}=\"{raw}\" of {Describe(e)} is not true or false; {fallback.ToString().ToLowerInvariant()} is used.",
                    e, BpmnXml.Attr(e, "id"));
                return fallback;
        }
    }

    /// <summary>An xsd:double attribute (DI coordinates); a bad value is reported and 0 used.</summary>
    public double Number(XElement e, string attribute)
    {
        var raw = BpmnXml.Attr(e, attribute);
        if (raw is null)
        {
            return 0;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Warning(ProblemCodes.InvalidValue, $"The attribute {attribute}=\"{raw}\" of {Describe(e)} is not a number; 0 is used.", e, null);
        return 0;
    }

    /// <summary>Copies documentation and extension attributes, which every BPMN element may carry.</summary>
    public static T Decorate<T>(T element, XElement e)
        where T : BaseElement
    {
        element.Documentation ??= BpmnXml.Text(BpmnXml.Child(e, "documentation"));
        foreach (var attribute in e.Attributes())
        {
            var ns = attribute.Name.Namespace;
            if (attribute.IsNamespaceDeclaration || ns == XNamespace.None)
            {
                continue;
            }

            element.ExtensionAttributes[$"{CanonicalPrefix(e, ns)}:{attribute.Name.LocalName}"] = attribute.Value;
        }

        return element;
    }

    /// <summary>
    /// The prefix extension attributes are keyed by. Camunda and Zeebe get fixed prefixes so code can look up
    /// <c>camunda:asyncBefore</c> whatever the file bound; other vendors keep the document's prefix.
    /// </summary>
    public static string CanonicalPrefix(XElement scope, XNamespace ns)
    {
        if (BpmnXml.IsCamunda(ns))
        {
            return "camunda";
        }

        if (ns == BpmnXml.Zeebe)
        {
            return "zeebe";
        }

        if (ns == XNamespace.Xml)
        {
            return "xml";
        }

        return scope.GetPrefixOfNamespace(ns) ?? ns.NamespaceName;
    }

    /// <summary>"the userTask 'approve'" or "the dc:Bounds at line 3, column 5", for messages.</summary>
    public static string Describe(XElement e)
    {
        var id = BpmnXml.Attr(e, "id");
        return id is null ? $"the {e.Name.LocalName} at {BpmnXml.PositionOf(e)}" : $"the {e.Name.LocalName} '{id}'";
    }
}
