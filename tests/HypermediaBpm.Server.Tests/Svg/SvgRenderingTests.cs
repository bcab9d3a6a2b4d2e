using System.Xml.Linq;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Server.Representations.Svg;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Svg;

public sealed class SvgRenderingTests
{
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    public static TheoryData<string> RenderFiles() => new(Corpus.Files("render").Select(Path.GetFileName)!);

    public static TheoryData<string> ExecuteFiles() => new(Corpus.Files("execute").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(RenderFiles))]
    public void RenderCorpus_EveryDiShapeAndEdge_IsOneGroup(string file)
    {
        var path = Path.Combine(Corpus.Root, "render", file);
        var definitions = BpmnParser.Parse(File.ReadAllText(path)).Definitions!;
        var chosen = SvgDiagramWriter.SelectDiagram(definitions);
        Assert.NotNull(chosen);

        var doc = SvgAssert.WellFormed(SvgDiagramWriter.Write(definitions));

        // Counted in the source itself: the BPMNDiagram at the same position as the one drawn.
        var source = XDocument.Load(path);
        var plane = source.Root!.Elements(BpmnDi + "BPMNDiagram").ElementAt(definitions.Diagrams.IndexOf(chosen!));
        var shapes = plane.Descendants(BpmnDi + "BPMNShape").Where(e => e.Attribute("bpmnElement") is not null).Select(e => (string)e.Attribute("bpmnElement")!).Order().ToList();
        var edges = plane.Descendants(BpmnDi + "BPMNEdge").Where(e => e.Attribute("bpmnElement") is not null).Select(e => (string)e.Attribute("bpmnElement")!).Order().ToList();
        Assert.NotEmpty(shapes);
        Assert.Equal(shapes, SvgAssert.Groups(doc, "bpmn-shape").Select(g => (string)g.Attribute("data-element-id")!).Order().ToList());
        Assert.Equal(edges, SvgAssert.Groups(doc, "bpmn-edge").Select(g => (string)g.Attribute("data-element-id")!).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(ExecuteFiles))]
    public void ExecuteCorpus_RendersWellFormed(string file)
    {
        var definitions = BpmnParser.Parse(File.ReadAllText(Path.Combine(Corpus.Root, "execute", file))).Definitions!;

        var doc = SvgAssert.WellFormed(SvgDiagramWriter.Write(definitions));

        Assert.NotEmpty(SvgAssert.Groups(doc, "bpmn-shape"));
    }

    [Fact]
    public void NoDi_GetsLeftToRightLayout_OneShapePerNode_OneEdgePerFlow_NoOverlap()
    {
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="split" />
                <parallelGateway id="split" />
                <sequenceFlow id="f2" sourceRef="split" targetRef="a" />
                <sequenceFlow id="f3" sourceRef="split" targetRef="b" />
                <userTask id="a" name="A" />
                <serviceTask id="b" name="B" />
                <sequenceFlow id="f4" sourceRef="b" targetRef="c" />
                <scriptTask id="c" name="C" />
                <sequenceFlow id="f5" sourceRef="a" targetRef="join" />
                <sequenceFlow id="f6" sourceRef="c" targetRef="join" />
                <parallelGateway id="join" />
                <sequenceFlow id="f7" sourceRef="join" targetRef="x" />
                <exclusiveGateway id="x" />
                <sequenceFlow id="back" sourceRef="x" targetRef="split" />
                <sequenceFlow id="f8" sourceRef="x" targetRef="e" />
                <endEvent id="e" />
              </process>
            </definitions>
            """;
        var definitions = BpmnParser.Parse(xml).Definitions!;
        Assert.Null(SvgDiagramWriter.SelectDiagram(definitions));

        var layout = AutoLayout.Layout(definitions);
        var doc = SvgAssert.WellFormed(SvgDiagramWriter.Write(definitions));

        Assert.Equal(["a", "b", "c", "e", "join", "s", "split", "x"], SvgAssert.Groups(doc, "bpmn-shape").Select(g => (string)g.Attribute("data-element-id")!).Order());
        Assert.Equal(9, SvgAssert.Groups(doc, "bpmn-edge").Count);
        var boxes = layout.Shapes.Select(s => s.Bounds).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (p, q) = (boxes[i], boxes[j]);
                Assert.False(p.X < q.X + q.Width && q.X < p.X + p.Width && p.Y < q.Y + q.Height && q.Y < p.Y + p.Height, $"{layout.Shapes[i].BpmnElementRef} overlaps {layout.Shapes[j].BpmnElementRef}");
            }
        }

        // Left to right: every forward flow ends in a later column than it starts.
        var x = layout.Shapes.ToDictionary(s => s.BpmnElementRef, s => s.Bounds.X);
        Assert.True(x["s"] < x["split"] && x["split"] < x["a"] && x["b"] < x["c"] && x["c"] < x["join"] && x["join"] < x["x"] && x["x"] < x["e"]);
        Assert.All(layout.Edges, e => Assert.True(e.Waypoints.Count >= 2));
    }

    [Fact]
    public void Names_AreEscapedText_NeverMarkup()
    {
        const string evil = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co";
        var xml = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <process id="p" name="{evil}" isExecutable="true">
                <startEvent id="s" name="{evil}" />
                <sequenceFlow id="f1" name="{evil}" sourceRef="s" targetRef="t" />
                <userTask id="t" name="{evil}" />
                <textAnnotation id="note"><text>{evil}</text></textAnnotation>
              </process>
            </definitions>
            """;
        var definitions = BpmnParser.Parse(xml).Definitions!;

        var svg = SvgDiagramWriter.Write(definitions);
        var doc = SvgAssert.WellFormed(svg);

        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("&amp; co", svg, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script> & co", doc.Root!.Element(SvgAssert.Svg + "title")!.Value);
        Assert.Contains("<script>alert(1)</script>", SvgAssert.Group(doc, "t").Value, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", SvgAssert.Group(doc, "f1").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrap_BreaksOnWords_AndCutsLongWords()
    {
        Assert.Equal(["Approve the", "request"], SvgDiagramWriter.Wrap("Approve the request", 80));
        Assert.Equal(["Rejected"], SvgDiagramWriter.Wrap("Rejected", 46));
        Assert.True(SvgDiagramWriter.Wrap(new string('x', 300), 80).Count > 2);
    }
}
