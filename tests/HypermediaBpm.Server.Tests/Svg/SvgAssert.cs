using System.Xml.Linq;

namespace HypermediaBpm.Server.Tests.Svg;

/// <summary>Reads rendered SVG the way the tests look at it: the top-level shape and edge groups.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses (so the SVG must be well-formed) and checks the root and its viewBox.</summary>
    public static XDocument WellFormed(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        var viewBox = (string?)doc.Root.Attribute("viewBox");
        Assert.False(string.IsNullOrWhiteSpace(viewBox));
        Assert.Equal(4, viewBox!.Split(' ').Length);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "foreignObject");
        return doc;
    }

    /// <summary>The one group per DI shape or edge: the children of <c>g.bpmn-diagram</c>.</summary>
    public static List<XElement> Groups(XDocument doc, string kind) =>
        doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bpmn-diagram")
            .Elements(Svg + "g").Where(g => Classes(g).Contains(kind)).ToList();

    /// <summary>The group of one element (by BPMN id).</summary>
    public static XElement Group(XDocument doc, string elementId) =>
        doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-element-id") == elementId);

    public static string[] Classes(XElement e) => ((string?)e.Attribute("class") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
