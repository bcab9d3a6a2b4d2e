using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Positions must let a modeller find the element: the line and column of its start tag's '&lt;'.</summary>
public class SourcePositionTests
{
    [Fact]
    public void Parse_Elements_PositionIsTheLessThanOfTheStartTag()
    {
        // Arrange
        const string xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">\n" +
            "  <bpmn:process id=\"p\" isExecutable=\"true\">\n" +
            "\t<bpmn:startEvent id=\"s\" />   <bpmn:endEvent id=\"e\" />\n" +
            "    <bpmn:sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\">\r\n" +
            "      <bpmn:conditionExpression>${ok}</bpmn:conditionExpression>\n" +
            "    </bpmn:sequenceFlow>\n" +
            "  </bpmn:process>\n" +
            "</bpmn:definitions>";

        // Act
        var result = BpmnParser.Parse(xml);

        // Assert
        var process = result.Definitions!.Processes[0];
        Assert.Equal((2, 3), (process.Position.Line, process.Position.Column));
        Assert.Equal(ExpectedAt(xml, "<bpmn:startEvent"), (process.ElementsById["s"].Position.Line, process.ElementsById["s"].Position.Column));
        Assert.Equal(ExpectedAt(xml, "<bpmn:endEvent"), (process.ElementsById["e"].Position.Line, process.ElementsById["e"].Position.Column));
        var flow = (HypermediaBpm.Bpmn.Model.SequenceFlow)process.ElementsById["f"];
        Assert.Equal((4, 5), (flow.Position.Line, flow.Position.Column));
        Assert.Equal((5, 7), (flow.ConditionPosition.Line, flow.ConditionPosition.Column));
        Assert.Equal((1, 1), (result.Definitions.Position.Line, result.Definitions.Position.Column));
    }

    [Fact]
    public void Parse_CorpusFile_EveryTaskPositionPointsAtItsStartTag()
    {
        // Arrange
        var path = Path.Combine(Corpus.Root, "execute", "camunda-invoice.v2.bpmn");
        var lines = File.ReadAllLines(path);

        // Act
        var process = BpmnParser.Parse(File.ReadAllText(path)).Definitions!.MainProcess!;

        // Assert
        Assert.All(process.ElementsById.Values, e =>
        {
            var text = lines[e.Position.Line - 1];
            Assert.Equal('<', text[e.Position.Column - 1]);
            Assert.Matches($"^<([A-Za-z0-9_]+:)?{e.ElementName}[ />]", text[(e.Position.Column - 1)..]);
        });
    }

    [Fact]
    public void Parse_ValidationProblem_IsLocatedAtTheElement()
    {
        // Arrange
        var xml = TestBpmn.Process("""
            <bpmn:startEvent id="s" />
            <bpmn:sequenceFlow id="broken" sourceRef="s" targetRef="nowhere" />
            """);

        // Act
        var problem = Assert.Single(TestBpmn.Parse(xml).Problems);

        // Assert
        Assert.Equal(ProblemCodes.DanglingReference, problem.Code);
        Assert.Equal(ExpectedAt(xml, "<bpmn:sequenceFlow"), (problem.Line, problem.Column));
        Assert.Equal("broken", problem.ElementId);
    }

    [Fact]
    public void Parse_MalformedXml_ReportsTheXmlReadersLineAndColumn()
    {
        // Arrange
        const string xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process id=\"p\">\n  </bpmn:proces>\n</bpmn:definitions>";

        // Act
        var problem = Assert.Single(BpmnParser.Parse(xml).Problems);

        // Assert
        Assert.Equal(ProblemCodes.XmlMalformed, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.True(problem.Column > 1);
        Assert.Contains("line 3", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="token"/>.</summary>
    private static (int Line, int Column) ExpectedAt(string xml, string token)
    {
        var index = xml.IndexOf(token, StringComparison.Ordinal);
        var before = xml[..index].Replace("\r\n", "\n", StringComparison.Ordinal);
        var line = before.Count(c => c == '\n') + 1;
        var column = before.Length - before.LastIndexOf('\n');
        return (line, column);
    }
}
