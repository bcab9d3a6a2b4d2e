using System.Globalization;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Server.Representations.Svg;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Svg;

/// <summary>Drawing details found by comparing the rendered corpus with its reference images (docs/diagrams/visual-check.md).</summary>
public sealed class SvgLayoutDetailTests
{
    private const string Head = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                     xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="t">
        """;

    [Fact]
    public void Wrap_MeasuresGlyphs_SoANameFitsTheBoxItsToolDrewForIt()
    {
        // MIWG A.2.1 gives "Start Event" a 63px label box; by one average glyph width it wrapped to two lines
        // and, centred on the box, ran up into the event's circle.
        Assert.Equal(["Start Event"], SvgDiagramWriter.Wrap("Start Event", 63 + 4));
        Assert.Equal(["Start Event 1"], SvgDiagramWriter.Wrap("Start Event 1", 80 + 4));
        Assert.True(SvgDiagramWriter.TextWidth("WWW") > SvgDiagramWriter.TextWidth("iii") * 3);
        Assert.Equal(["Gateway", "(Split Flow)"], SvgDiagramWriter.Wrap("Gateway (Split Flow)", 68 + 4));
    }

    [Fact]
    public void EventSubProcess_IsDrawnDotted_AsTheSpecAndTheReferenceImagesHaveIt()
    {
        var xml = Head + """
              <process id="p">
                <subProcess id="esp" triggeredByEvent="true" />
                <subProcess id="sub" />
              </process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
                <bpmndi:BPMNShape id="s1" bpmnElement="esp" isExpanded="true"><dc:Bounds x="100" y="100" width="300" height="200" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="s2" bpmnElement="sub" isExpanded="true"><dc:Bounds x="500" y="100" width="300" height="200" /></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;
        var doc = SvgAssert.WellFormed(SvgDiagramWriter.Write(BpmnParser.Parse(xml).Definitions!));

        var border = SvgAssert.Group(doc, "esp").Descendants().First(e => e.Name.LocalName == "rect").Attribute("class")!.Value.Split(' ');
        var plain = SvgAssert.Group(doc, "sub").Descendants().First(e => e.Name.LocalName == "rect").Attribute("class")!.Value.Split(' ');
        Assert.Contains("dotted", border);
        Assert.DoesNotContain("dotted", plain);
        Assert.DoesNotContain("dashed", plain);
    }

    [Fact]
    public void Wrap_CutsAWordTooLongForTwoLines_IntoPiecesThatFit()
    {
        var lines = SvgDiagramWriter.Wrap(new string('m', 40), 60);

        Assert.True(lines.Count > 2);
        Assert.Equal(new string('m', 40), string.Concat(lines));
        Assert.All(lines, l => Assert.True(SvgDiagramWriter.TextWidth(l) <= 60 * 2));
    }

    [Fact(Timeout = 10_000)]
    public async Task Issue13_Wrap_MegabyteLabel_IsCutToTheBoundAndWrappedAtOnce()
    {
        // Arrange: one word of a million characters used to be cut a line at a time, re-measuring the rest each time.
        var label = new string('m', 1_000_000);

        // Act
        var lines = await Task.Run(() => SvgDiagramWriter.Wrap(label, 100));

        // Assert
        Assert.Equal(SvgDiagramWriter.MaxLabelCharacters, lines.Sum(l => l.Length));
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void LabelBelowItsEvent_TallerThanItsBox_GrowsDownwards_LabelAbove_GrowsUpwards()
    {
        var xml = Head + """
              <process id="p">
                <startEvent id="below" name="Boundary Intermediate Event Non-Interrupting Message" />
                <startEvent id="above" name="Boundary Intermediate Event Non-Interrupting Message" />
              </process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
                <bpmndi:BPMNShape id="s1" bpmnElement="below"><dc:Bounds x="100" y="100" width="36" height="36" />
                  <bpmndi:BPMNLabel><dc:Bounds x="80" y="140" width="76" height="28" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="s2" bpmnElement="above"><dc:Bounds x="300" y="100" width="36" height="36" />
                  <bpmndi:BPMNLabel><dc:Bounds x="280" y="68" width="76" height="28" /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;
        var doc = SvgAssert.WellFormed(SvgDiagramWriter.Write(BpmnParser.Parse(xml).Definitions!));

        var below = Baselines(SvgAssert.Group(doc, "below"));
        var above = Baselines(SvgAssert.Group(doc, "above"));
        Assert.True(below.Count > 2);
        Assert.True(below[0] - 12 >= 136, $"the first line starts at {below[0]}, inside the event (bottom 136)");
        Assert.True(above.Count > 2);
        Assert.True(above[^1] <= 100, $"the last line ends at {above[^1]}, inside the event (top 100)");
    }

    [Fact]
    public void MessageFlows_ArePaintedAfterEveryShape_SoTheirStartCircleIsWhole()
    {
        var path = Path.Combine(Corpus.Root, "render", "miwg-A.4.0.bpmn");
        var doc = SvgAssert.WellFormed(SvgDiagramWriter.Write(BpmnParser.Parse(File.ReadAllText(path)).Definitions!));

        var groups = doc.Descendants(SvgAssert.Svg + "g").Single(g => (string?)g.Attribute("class") == "bpmn-diagram").Elements().ToList();
        var messageFlows = groups.Where(g => SvgAssert.Classes(g).Contains("bpmn-messageFlow")).ToList();
        Assert.Equal(2, messageFlows.Count);
        var lastShape = groups.FindLastIndex(g => SvgAssert.Classes(g).Contains("bpmn-shape"));
        Assert.All(messageFlows, f => Assert.True(groups.IndexOf(f) > lastShape));
    }

    private static List<double> Baselines(System.Xml.Linq.XElement group) =>
        group.Descendants(SvgAssert.Svg + "tspan").Select(t => double.Parse((string)t.Attribute("y")!, CultureInfo.InvariantCulture)).ToList();
}
