using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Broken and random input never makes the parser throw; seeded, so a failure reproduces.</summary>
public class ParserFuzzTests
{
    [Fact]
    public void Parse_TruncatedCorpusFile_NeverThrows()
    {
        // Arrange: cut a real model at 200 points before its closing '>', including mid-tag and mid-attribute.
        var xml = File.ReadAllText(Path.Combine(Corpus.Root, "execute", "camunda-invoice.v2.bpmn"));
        var end = xml.LastIndexOf('>');
        var random = new Random(20240521);
        var cuts = Enumerable.Range(0, 200).Select(_ => random.Next(0, end)).Append(0).Append(end);

        foreach (var cut in cuts)
        {
            // Act
            var result = BpmnParser.Parse(xml[..cut]);

            // Assert
            Assert.False(result.IsValid, $"cut at {cut} was accepted");
            Assert.NotEmpty(result.Problems);
        }
    }

    [Fact]
    public void Parse_MutatedCorpusFile_NeverThrows()
    {
        // Arrange: delete, duplicate or swap random slices so the XML often stays well-formed but the model breaks.
        var xml = File.ReadAllText(Path.Combine(Corpus.Root, "execute", "bpmnelements-transaction.bpmn"));
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var start = random.Next(0, xml.Length);
            var length = random.Next(0, Math.Min(200, xml.Length - start));
            var mutated = (i % 3) switch
            {
                0 => xml.Remove(start, length),
                1 => xml.Insert(start, xml.Substring(start, length)),
                _ => xml.Insert(random.Next(0, xml.Length), xml.Substring(start, length)).Remove(start, length),
            };

            // Act
            var result = BpmnParser.Parse(mutated);

            // Assert
            Assert.All(result.Problems, p => Assert.True(p.Line >= 1 && p.Column >= 1 && p.Message.Length > 0));
        }
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrow()
    {
        // Arrange
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 2_000)];
            random.NextBytes(bytes);

            // Act
            using var stream = new MemoryStream(bytes);
            var result = BpmnParser.Parse(stream);

            // Assert
            Assert.Null(result.Definitions);
            Assert.NotEmpty(result.Problems);
        }
    }

    [Fact]
    public void Parse_RandomXmlLikeText_NeverThrows()
    {
        // Arrange: random fragments of BPMN syntax, to reach past the XML reader into the mapper.
        string[] pieces =
        [
            "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">", "</bpmn:definitions>",
            "<bpmn:process id=\"p\">", "</bpmn:process>", "<bpmn:startEvent id=\"s\"/>", "<bpmn:task id=\"t\">", "</bpmn:task>",
            "<bpmn:sequenceFlow sourceRef=\"s\" targetRef=\"t\"/>", "<bpmn:boundaryEvent attachedToRef=\"s\"/>",
            "<bpmn:subProcess triggeredByEvent=\"maybe\">", "</bpmn:subProcess>", "<bpmn:exclusiveGateway id=\"g\" default=\"x\"/>",
            "<bpmn:messageEventDefinition messageRef=\"m\"/>", "&amp;", "<![CDATA[ x ]]>", "text", "<!-- c -->",
        ];
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));

            // Act
            var result = BpmnParser.Parse(text);

            // Assert
            Assert.NotNull(result.Problems);
        }
    }
}
