using System.Text;
using HypermediaBpm.Bpmn.Parsing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary>Issue 13, finding 8: a document's bytes are kept, and its text is what the XML rules make of them.</summary>
public class BpmnSourceTests
{
    private const string Body = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" name="Début" /></bpmn:process>
        </bpmn:definitions>
        """;

    public static TheoryData<string, string, byte[]> Encoded => new()
    {
        { "iso-8859-1", "é is one byte", Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + Body) },
        { "windows-1252", "the encoding Enterprise Architect saves", CodePage(1252).GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n" + Body) },
        { "utf-16", "with a byte order mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + Body)] },
        { "utf-16", "with a byte order mark and no declaration", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Body)] },
        { "utf-16BE", "big-endian", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + Body)] },
        { "utf-8", "with a byte order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Body)] },
        { "utf-8", "with neither declaration nor mark", Encoding.UTF8.GetBytes(Body) },
    };

    [Theory]
    [MemberData(nameof(Encoded))]
    public void Issue13_FromBytes_AnyDeclaredEncoding_TextAndParseReadTheNamesAndBytesStayAsGiven(string charset, string why, byte[] bytes)
    {
        // Act
        var source = BpmnSource.FromBytes(bytes);
        var result = BpmnParser.Parse(source);

        // Assert
        Assert.Equal(charset, source.Charset, ignoreCase: true);
        Assert.Contains("name=\"Début\"", source.Text, StringComparison.Ordinal);
        Assert.False(source.Text.StartsWith('\uFEFF'), why);
        Assert.True(result.IsValid, result.Describe());
        Assert.Equal("Début", result.Definitions!.Processes[0].StartEvents.Single().Name);
        Assert.Equal(bytes, source.Bytes.ToArray());
    }

    [Fact]
    public void Issue13_FromText_DeclaringLatin1_KeepsLatin1Bytes()
    {
        // Arrange
        var text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + Body;

        // Act
        var source = BpmnSource.FromText(text);

        // Assert
        Assert.Equal(Encoding.Latin1.GetBytes(text), source.Bytes.ToArray());
        Assert.Equal(text, source.Text);
        Assert.True(BpmnParser.Parse(source).IsValid);
    }

    [Fact]
    public void Issue13_FromText_DeclaringUtf16_KeepsUtf16WithByteOrderMark()
    {
        // Arrange: what .NET's XmlDocument.OuterXml and StringWriter declare.
        var text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n" + Body;

        // Act
        var source = BpmnSource.FromText(text);

        // Assert
        Assert.Equal([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)], source.Bytes.ToArray());
        Assert.Equal(text, source.Text);
        Assert.True(BpmnParser.Parse(source).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<?xml version=\"1.0\"?>\n")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")]
    [InlineData("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")]
    public void FromText_Utf8OrNoEncodingDeclared_KeepsUtf8WithoutByteOrderMark(string declaration)
    {
        // Act
        var source = BpmnSource.FromText(declaration + Body);

        // Assert
        Assert.Equal(Encoding.UTF8.GetBytes(declaration.TrimStart('\uFEFF') + Body), source.Bytes.ToArray());
        Assert.Null(source.EncodingProblem);
    }

    [Fact]
    public void Issue13_FromText_CharacterTheDeclaredEncodingLacks_IsRefusedWhereItStands()
    {
        // Arrange: € is not in ISO-8859-1.
        var text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + Body.Replace("Début", "Début €", StringComparison.Ordinal);

        // Act
        var result = BpmnParser.Parse(BpmnSource.FromText(text));

        // Assert
        Assert.Null(result.Definitions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.XmlEncodingMismatch, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Equal(text.Split('\n')[2].IndexOf('€', StringComparison.Ordinal) + 1, problem.Column);
    }

    [Fact]
    public void FromText_UnknownEncodingDeclared_ParserNamesIt()
    {
        // Act
        var result = BpmnParser.Parse(BpmnSource.FromText("<?xml version=\"1.0\" encoding=\"x-unheard-of\"?>\n" + Body));

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCodes.XmlMalformed, problem.Code);
        Assert.Contains("x-unheard-of", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_Latin1WithoutDeclaration_IsMalformedNotMisread()
    {
        // Arrange: without a declaration the bytes are UTF-8, and 0xE9 alone is not.
        var source = BpmnSource.FromBytes(Encoding.Latin1.GetBytes(Body));

        // Act
        var result = BpmnParser.Parse(source);

        // Assert
        Assert.Equal(ProblemCodes.XmlMalformed, Assert.Single(result.Problems).Code);
    }

    private static Encoding CodePage(int number)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(number);
    }
}
