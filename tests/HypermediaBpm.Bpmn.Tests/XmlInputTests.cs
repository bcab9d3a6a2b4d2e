using System.Text;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>What the XML layer accepts: limits, DTDs, encodings, depth. Hostile input gives problems, never an exception or a hang.</summary>
public class XmlInputTests
{
    private const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" /></bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Parse_NullInput_ThrowsArgumentNullException()
    {
        // Arrange / Act / Assert
        Assert.Throws<ArgumentNullException>(() => BpmnParser.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => BpmnParser.Parse((Stream)null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<")]
    [InlineData("<a>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("{\"json\": true}")]
    public void Parse_NotXml_IsMalformedWithoutModel(string input)
    {
        // Act
        var result = BpmnParser.Parse(input);

        // Assert
        Assert.Null(result.Definitions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.XmlMalformed, problem.Code);
        Assert.True(problem.Line >= 1 && problem.Column >= 1);
    }

    [Fact]
    public void Parse_StringLongerThanLimit_IsTooLarge()
    {
        // Arrange
        var options = new BpmnParserOptions { MaxCharacters = Minimal.Length - 1 };

        // Act
        var result = BpmnParser.Parse(Minimal, options);

        // Assert
        Assert.Null(result.Definitions);
        Assert.Equal(ProblemCodes.XmlTooLarge, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Parse_StringExactlyAtLimit_IsAccepted()
    {
        // Arrange
        var options = new BpmnParserOptions { MaxCharacters = Minimal.Length };

        // Act
        var result = BpmnParser.Parse(Minimal, options);

        // Assert
        Assert.True(result.IsValid, result.Describe());
    }

    [Fact]
    public void Parse_StreamLongerThanLimit_IsTooLarge()
    {
        // Arrange: a corpus file of about 241 KB against a limit of 100 000 characters.
        using var stream = File.OpenRead(Path.Combine(Corpus.Root, "render", "miwg-C.8.0.bpmn"));

        // Act
        var result = BpmnParser.Parse(stream, new BpmnParserOptions { MaxCharacters = 100_000 });

        // Assert
        Assert.Null(result.Definitions);
        Assert.Equal(ProblemCodes.XmlTooLarge, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Parse_EndlessStream_StopsAtTheLimit()
    {
        // Arrange: a stream that never ends must not be read to its end.
        using var stream = new EndlessStream();

        // Act
        var result = BpmnParser.Parse(stream, new BpmnParserOptions { MaxCharacters = 1_000 });

        // Assert
        Assert.Equal(ProblemCodes.XmlTooLarge, Assert.Single(result.Problems).Code);
        Assert.True(stream.BytesRead < 100_000);
    }

    [Fact]
    public void Parse_DoctypeInString_IsProhibitedAndLocated()
    {
        // Arrange: the classic "billion laughs" must be refused before any entity is expanded.
        const string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>";

        // Act
        var result = BpmnParser.Parse(xml);

        // Assert
        Assert.Null(result.Definitions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((ProblemCodes.XmlDtdProhibited, 2, 1), (problem.Code, problem.Line, problem.Column));
        Assert.Equal("DOCTYPE is not allowed in BPMN documents; remove the DOCTYPE declaration (entities are never expanded).", problem.Message);
    }

    [Fact]
    public void Parse_Latin1Stream_DecodesByTheDeclaredEncoding()
    {
        // Arrange
        var xml = Minimal.Replace("UTF-8", "ISO-8859-1", StringComparison.Ordinal).Replace("id=\"s\"", "id=\"s\" name=\"Début\"", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(xml));

        // Act
        var result = BpmnParser.Parse(stream);

        // Assert
        Assert.True(result.IsValid, result.Describe());
        Assert.Equal("Début", result.Definitions!.Processes[0].StartEvents.Single().Name);
    }

    [Fact]
    public void Parse_StringDeclaringOtherEncoding_IgnoresTheDeclaration()
    {
        // Arrange: a .NET string is already decoded; its declaration must not break parsing.
        var xml = Minimal.Replace("UTF-8", "ISO-8859-1", StringComparison.Ordinal).Replace("id=\"s\"", "id=\"s\" name=\"Début €\"", StringComparison.Ordinal);

        // Act
        var result = BpmnParser.Parse(xml);

        // Assert
        Assert.True(result.IsValid, result.Describe());
        Assert.Equal("Début €", result.Definitions!.Processes[0].StartEvents.Single().Name);
    }

    [Fact]
    public void Parse_Windows1252CorpusFile_IsReadFromStream()
    {
        // Arrange
        using var stream = File.OpenRead(Path.Combine(Corpus.Root, "render", "miwg-enterprisearchitect-A.3.0-roundtrip.bpmn"));

        // Act
        var result = BpmnParser.Parse(stream);

        // Assert
        Assert.True(result.IsValid, result.Describe());
    }

    [Fact]
    public void Parse_HundredNestedSubProcesses_ReportsNestingAndKeepsTheOuterLevels()
    {
        // Arrange: each level would cost the recursive mapper a stack frame; it stops at 64.
        const int depth = 100;
        var body = new StringBuilder("<bpmn:startEvent id=\"s\" />");
        for (var i = 0; i < depth; i++)
        {
            body.Append("<bpmn:subProcess id=\"sp").Append(i).Append("\">");
        }

        body.Insert(body.Length, "</bpmn:subProcess>", depth);

        // Act
        var result = BpmnParser.Parse(TestBpmn.Process(body.ToString()));

        // Assert
        var problem = Assert.Single(result.Problems, p => p.Code == ProblemCodes.NestingTooDeep);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.True(result.Definitions!.Processes[0].ElementsById.ContainsKey("sp10"));
        Assert.False(result.Definitions.Processes[0].ElementsById.ContainsKey("sp90"));
    }

    [Fact]
    public void Parse_ElementsNestedThousandsDeep_AreRefusedBeforeLoading()
    {
        // Arrange: XElement.Value recurses and XDocument slows down with depth; 200 000 levels inside a
        // documentation must neither overflow the stack nor take minutes.
        const int depth = 200_000;
        var deep = new StringBuilder().Insert(0, "<x>", depth).Insert(depth * 3, "</x>", depth).ToString();
        var xml = TestBpmn.Process($"<bpmn:startEvent id=\"s\"><bpmn:documentation>{deep}</bpmn:documentation></bpmn:startEvent>");

        // Act
        var result = BpmnParser.Parse(xml);

        // Assert
        Assert.Null(result.Definitions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.XmlTooDeep, problem.Code);
        Assert.Equal(4, problem.Line); // the line of the start event in TestBpmn.Process
    }

    [Fact]
    public void Parse_DocumentationNestedWithinLimit_IsReadAsText()
    {
        // Arrange: markup inside documentation (e.g. XHTML) gives its text, read without recursion.
        var xml = TestBpmn.Process("<bpmn:startEvent id=\"s\"><bpmn:documentation>Read <b>the <i>manual</i></b> first</bpmn:documentation></bpmn:startEvent>");

        // Act
        var start = BpmnParser.Parse(xml).Definitions!.Processes[0].ElementsById["s"];

        // Assert
        Assert.Equal("Read the manual first", start.Documentation);
    }

    [Fact]
    public void Parse_StringStartingWithByteOrderMark_IsAccepted()
    {
        // Arrange: Encoding.UTF8.GetString keeps a BOM as U+FEFF.
        var xml = "\uFEFF" + Minimal;

        // Act
        var result = BpmnParser.Parse(xml);

        // Assert
        Assert.True(result.IsValid, result.Describe());
    }

    /// <summary>Returns '&lt;' bytes forever and counts what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'<', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
