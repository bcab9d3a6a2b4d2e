using System.Text;
using System.Xml;
using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>Namespaces and small XML helpers shared by the parser's partial files.</summary>
internal static class BpmnXml
{
    public static readonly XNamespace ModelNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Activiti's namespace: Camunda 7 reads it as its own, and old models (MIWG C.1.0) bind <c>camunda:</c> to it.</summary>
    public static readonly XNamespace Activiti = "http://activiti.org/bpmn";

    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";
    public static readonly XNamespace BioColor = "http://bpmn.io/schema/bpmn/biocolor/1.0";
    public static readonly XNamespace OmgColor = "http://www.omg.org/spec/BPMN/non-normative/color/1.0";
    public static readonly XName ExtensionElements = ModelNs + "extensionElements";

    public static bool IsModel(XElement e) => e.Name.Namespace == ModelNs;

    public static bool IsCamunda(XNamespace ns) => ns == Camunda || ns == Activiti;

    /// <summary>
    /// Where the start tag begins: the column of its <c>&lt;</c>. XmlReader reports the column of the name,
    /// which is always one further, because XML allows nothing between <c>&lt;</c> and the name.
    /// </summary>
    public static SourcePosition PositionOf(XElement e)
    {
        var info = (IXmlLineInfo)e;
        return info.HasLineInfo() ? new SourcePosition(info.LineNumber, Math.Max(1, info.LinePosition - 1)) : new SourcePosition(1, 1);
    }

    /// <summary>An unqualified (BPMN) attribute, trimmed; null when absent or blank.</summary>
    public static string? Attr(XElement e, string name) => Clean((string?)e.Attribute(name));

    /// <summary>A Camunda extension attribute, whether bound to the Camunda or the Activiti namespace.</summary>
    public static string? CamundaAttr(XElement e, string name) =>
        Clean((string?)e.Attribute(Camunda + name) ?? (string?)e.Attribute(Activiti + name));

    /// <summary>
    /// A reference attribute. BPMN types most of them as xsd:QName, so tools may write <c>tns:Message_1</c>;
    /// ids are NCNames and never contain a colon, so the part after the last colon is the id.
    /// </summary>
    public static string? RefAttr(XElement e, string name) => LocalRef(Attr(e, name));

    public static string? LocalRef(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var colon = value.LastIndexOf(':');
        return colon >= 0 && colon < value.Length - 1 ? value[(colon + 1)..] : value;
    }

    /// <summary>The trimmed text of an element; null when absent or blank.</summary>
    public static string? Text(XElement? e) => e is null ? null : Clean(RawText(e));

    /// <summary>
    /// All text inside an element, as <see cref="XElement.Value"/> gives it, but without recursion:
    /// <see cref="XElement.Value"/> recurses once per nesting level, and a hostile document nesting 100 000
    /// elements inside a documentation would overflow the stack and kill the server.
    /// </summary>
    public static string RawText(XElement e)
    {
        if (!e.HasElements)
        {
            return e.Value;
        }

        var text = new StringBuilder();
        foreach (var node in e.DescendantNodes().OfType<XText>())
        {
            text.Append(node.Value);
        }

        return text.ToString();
    }

    /// <summary>The first child in the BPMN namespace with that local name.</summary>
    public static XElement? Child(XElement e, string localName) => e.Element(ModelNs + localName);

    /// <summary>The children of <c>extensionElements</c>, where Camunda and Zeebe keep their settings.</summary>
    public static IEnumerable<XElement> Extensions(XElement e) => e.Elements(ExtensionElements).Elements();

    public static XElement? CamundaExtension(XElement e, string localName) =>
        Extensions(e).FirstOrDefault(x => x.Name.LocalName == localName && IsCamunda(x.Name.Namespace));

    public static IEnumerable<XElement> CamundaChildren(XElement e, string localName) =>
        e.Elements().Where(x => x.Name.LocalName == localName && IsCamunda(x.Name.Namespace));

    public static XElement? ZeebeExtension(XElement e, string localName) => Extensions(e).FirstOrDefault(x => x.Name == Zeebe + localName);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Splits a comma list such as <c>camunda:candidateGroups="sales, management"</c>. A Zeebe FEEL expression
    /// (leading <c>=</c>) is kept whole, and commas inside <c>${...}</c> or <c>#{...}</c> do not split.
    /// </summary>
    public static List<string> SplitList(string? value)
    {
        var items = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return items;
        }

        var text = value.Trim();
        if (text.StartsWith('='))
        {
            items.Add(text);
            return items;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    AddItem(items, text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        AddItem(items, text[start..]);
        return items;
    }

    private static void AddItem(List<string> items, string item)
    {
        var trimmed = item.Trim();
        if (trimmed.Length > 0)
        {
            items.Add(trimmed);
        }
    }
}
