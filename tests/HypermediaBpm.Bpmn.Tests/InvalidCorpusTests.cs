using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Every file in invalid/ must be refused with the problems the corpus README names.</summary>
public class InvalidCorpusTests
{
    /// <summary>One expected problem: its code, and where given the element id and line.</summary>
    public sealed record Expected(string Code, string? ElementId = null, int? Line = null);

    /// <summary>What each invalid file must produce (README table "invalid/ — must be rejected").</summary>
    /// <param name="Unreadable">True when the file is not BPMN at all, so no model comes back.</param>
    /// <param name="ExactErrorCount">When set, the number of errors must be exactly this.</param>
    public sealed record Expectation(bool Unreadable, int? ExactErrorCount, params Expected[] Problems);

    private static readonly Dictionary<string, Expectation> Table = new(StringComparer.Ordinal)
    {
        ["bpmnmoddle-no-xml.bpmn"] = new(true, 1, new Expected(ProblemCodes.XmlMalformed, Line: 1)),
        ["bpmnmoddle-invalid-attributes.bpmn"] = new(true, 1, new Expected(ProblemCodes.XmlMalformed, Line: 3)),
        ["bpmnmoddle-not-bpmn.bpmn"] = new(true, 1, new Expected(ProblemCodes.NotBpmn, Line: 2)),
        ["bpmnmoddle-duplicate-ids.bpmn"] = new(false, null, new Expected(ProblemCodes.DuplicateId, "test", 7)),
        ["bpmnmoddle-unrecognized-child.bpmn"] = new(false, null, new Expected(ProblemCodes.UnknownElement, Line: 4)),
        ["camunda-BpmnParseTest.testXMLParsingErrors.bpmn"] = new(true, 1, new Expected(ProblemCodes.XmlMalformed, Line: 28)),
        ["camunda-BpmnParseTest.testParseProcessDefinitionXXE.bpmn20.xml"] = new(true, 1, new Expected(ProblemCodes.XmlDtdProhibited, Line: 2)),
        ["camunda-RuntimeServiceTest.testActivityInstanceTreeForManualTask.bpmn20.xml"] = new(false, null,
            new Expected(ProblemCodes.DanglingReference, "flow1", 9),
            new Expected(ProblemCodes.DanglingReference, "flow4", 11)),
        ["camunda-BpmnParseTest.testInvalidSequenceFlowInAndOutEventSubProcess.bpmn20.xml"] = new(false, 3,
            new Expected(ProblemCodes.EventSubProcessStart, "StartEvent_2", 7),
            new Expected(ProblemCodes.EventSubProcessFlow, "SequenceFlow_2", 15),
            new Expected(ProblemCodes.EventSubProcessFlow, "SequenceFlow_1", 19)),
        ["libbpmn-simple-link-event-broken.bpmn"] = new(false, 1, new Expected(ProblemCodes.LinkWithoutCatch, "Link-A-Throw", 7)),
    };

    public static TheoryData<string> InvalidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Corpus.Files("invalid"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Parse_InvalidCorpusFile_IsRefusedWithTheExpectedProblems(string file)
    {
        // Arrange
        Assert.True(Table.TryGetValue(file, out var expectation), $"invalid/{file} has no expectation in the table; add one.");
        var path = Path.Combine(Corpus.Root, "invalid", file);

        // Act
        BpmnParseResult result;
        using (var stream = File.OpenRead(path))
        {
            result = BpmnParser.Parse(stream);
        }

        // Assert
        Assert.False(result.IsValid, result.Describe());
        Assert.Equal(expectation.Unreadable, result.Definitions is null);
        if (expectation.ExactErrorCount is { } count)
        {
            Assert.True(count == result.Errors().Count(), result.Describe());
        }

        foreach (var expected in expectation.Problems)
        {
            Assert.True(result.Errors().Any(p => p.Code == expected.Code
                    && (expected.ElementId is null || p.ElementId == expected.ElementId)
                    && (expected.Line is null || p.Line == expected.Line)),
                $"expected {expected}, got:{Environment.NewLine}{result.Describe()}");
        }

        Assert.All(result.Problems, p => Assert.True(p.Line >= 1 && p.Column >= 1 && !string.IsNullOrWhiteSpace(p.Message)));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Parse_InvalidCorpusFileAsString_GivesTheSameCodes(string file)
    {
        // Arrange
        var path = Path.Combine(Corpus.Root, "invalid", file);
        using var stream = File.OpenRead(path);
        var fromStream = BpmnParser.Parse(stream);

        // Act
        var fromString = BpmnParser.Parse(File.ReadAllText(path));

        // Assert
        Assert.Equal(fromStream.Problems.Select(p => (p.Code, p.Line, p.ElementId)), fromString.Problems.Select(p => (p.Code, p.Line, p.ElementId)));
    }

    [Fact]
    public void Parse_XmlParsingErrorsFile_ReportsLine28WithColumnAndReason()
    {
        // Arrange: line 27 ends "</bpmndi:BPMNLabel" without its '>'; parsers notice on line 28.
        var path = Path.Combine(Corpus.Root, "invalid", "camunda-BpmnParseTest.testXMLParsingErrors.bpmn");

        // Act
        var problem = Assert.Single(BpmnParser.Parse(File.ReadAllText(path)).Problems);

        // Assert
        Assert.Equal(ProblemCodes.XmlMalformed, problem.Code);
        Assert.Equal(28, problem.Line);
        Assert.Equal(7, problem.Column);
        Assert.Contains("line 28", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'>'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DanglingReferenceFile_NamesFlowAndMissingElement()
    {
        // Arrange
        var path = Path.Combine(Corpus.Root, "invalid", "camunda-RuntimeServiceTest.testActivityInstanceTreeForManualTask.bpmn20.xml");

        // Act
        var result = BpmnParser.Parse(File.ReadAllText(path));

        // Assert
        var dangling = result.Problems.Where(p => p.Code == ProblemCodes.DanglingReference).ToList();
        Assert.Equal(2, dangling.Count);
        Assert.Equal("Sequence flow 'flow1' points to 'subProcess' as its target, but there is no such element in process 'miSubprocess'.", dangling[0].Message);
        Assert.Equal("Sequence flow 'flow4' points to 'subProcess' as its source, but there is no such element in process 'miSubprocess'.", dangling[1].Message);
    }

    [Fact]
    public void Parse_XxeFile_NeverReadsTheReferencedFile()
    {
        // Arrange: put the document beside a file.txt holding a secret, as the attack intends.
        var directory = Directory.CreateTempSubdirectory("bpmn-xxe-");
        try
        {
            const string secret = "SECRET-4f1c9e";
            File.WriteAllText(Path.Combine(directory.FullName, "file.txt"), secret);
            var documentPath = Path.Combine(directory.FullName, "xxe.bpmn");
            File.Copy(Path.Combine(Corpus.Root, "invalid", "camunda-BpmnParseTest.testParseProcessDefinitionXXE.bpmn20.xml"), documentPath);

            // Act
            BpmnParseResult result;
            using (var stream = File.OpenRead(documentPath))
            {
                result = BpmnParser.Parse(stream);
            }

            // Assert
            Assert.Null(result.Definitions);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(ProblemCodes.XmlDtdProhibited, problem.Code);
            Assert.Equal(2, problem.Line);
            Assert.Contains("DOCTYPE is not allowed in BPMN documents", problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
