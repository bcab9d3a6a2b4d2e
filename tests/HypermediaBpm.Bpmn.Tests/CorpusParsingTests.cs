using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Every real model in execute/ and render/ must be read without a single error.</summary>
public class CorpusParsingTests
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static readonly HashSet<string> FlowNodeNames = new(StringComparer.Ordinal)
    {
        "task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask", "businessRuleTask",
        "subProcess", "transaction", "adHocSubProcess", "callActivity", "exclusiveGateway", "parallelGateway",
        "inclusiveGateway", "eventBasedGateway", "complexGateway", "startEvent", "endEvent", "intermediateCatchEvent",
        "intermediateThrowEvent", "boundaryEvent",
    };

    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "execute", "render" })
        {
            foreach (var file in Corpus.Files(folder))
            {
                data.Add($"{folder}/{Path.GetFileName(file)}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Parse_CorpusFileAsStream_HasNoErrorsAndEveryFlowNode(string file)
    {
        // Arrange
        var path = Path.Combine(Corpus.Root, file);
        var expectedNodes = CountFlowNodesInXml(path);

        // Act
        BpmnParseResult result;
        using (var stream = File.OpenRead(path))
        {
            result = BpmnParser.Parse(stream);
        }

        // Assert
        Assert.NotNull(result.Definitions);
        Assert.True(!result.Errors().Any(), result.Describe());
        Assert.True(result.IsValid);
        var parsedNodes = result.Definitions.Processes.Sum(p => p.ElementsById.Values.OfType<FlowNode>().Count());
        if (expectedNodes > 0)
        {
            Assert.True(parsedNodes > 0, "the file has a process with content, but no flow node was parsed");
        }

        Assert.Equal(expectedNodes, parsedNodes);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Parse_CorpusFileAsString_HasNoErrors(string file)
    {
        // Arrange: a string ignores the declared encoding (ISO-8859-1, windows-1252); that must not matter.
        var xml = File.ReadAllText(Path.Combine(Corpus.Root, file));

        // Act
        var result = BpmnParser.Parse(xml);

        // Assert
        Assert.NotNull(result.Definitions);
        Assert.True(!result.Errors().Any(), result.Describe());
        Assert.NotEmpty(result.Definitions.Processes);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Parse_CorpusFile_EveryElementAndProblemIsLocated(string file)
    {
        // Arrange
        using var stream = File.OpenRead(Path.Combine(Corpus.Root, file));

        // Act
        var result = BpmnParser.Parse(stream);

        // Assert
        Assert.All(result.Definitions!.Processes.SelectMany(p => p.ElementsById.Values), e =>
        {
            Assert.True(e.Position.Line > 0 && e.Position.Column > 0, $"{e.Id} has no position");
            Assert.NotNull(e.Container);
        });
        Assert.All(result.Problems, p => Assert.True(p.Line > 0 && p.Column > 0 && p.Message.Length > 0));
    }

    [Fact]
    public void Parse_CorpusExecuteFiles_AllButOneHaveDiagrams()
    {
        // Arrange
        var files = Corpus.Files("execute").ToList();

        // Act
        var withDiagram = files.Count(f =>
        {
            using var stream = File.OpenRead(f);
            return BpmnParser.Parse(stream).Definitions!.Diagrams.Any(d => d.Shapes.Count > 0);
        });

        // Assert: the README says 39 of the 40 execute files have DI.
        Assert.Equal(files.Count - 1, withDiagram);
    }

    /// <summary>Counts flow nodes the way the README means them, independently of the parser: BPMN elements in processes, outside extensionElements.</summary>
    private static int CountFlowNodesInXml(string path)
    {
        // One render file is windows-1252, which XDocument can only decode with the code-page provider.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        var document = XDocument.Load(stream);
        return document.Root!.Elements(Bpmn + "process")
            .SelectMany(p => p.Descendants())
            .Count(e => e.Name.Namespace == Bpmn && FlowNodeNames.Contains(e.Name.LocalName)
                && !e.Ancestors(Bpmn + "extensionElements").Any());
    }
}
