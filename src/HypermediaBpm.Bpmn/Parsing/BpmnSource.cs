using System.Text;
using System.Xml;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>
/// A BPMN document as it is kept: its bytes exactly as they were uploaded, and the text those bytes stand for
/// under the XML rules (a byte order mark, else the XML declaration's <c>encoding</c>, else UTF-8). Keeping the
/// bytes is what lets the server hand an ISO-8859-1 or UTF-16 model back unchanged; the text is what JSON
/// clients read and what people see.
/// </summary>
public sealed class BpmnSource
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly byte[] _bytes;
    private readonly Lazy<(Encoding Encoding, string Text)> _decoded;

    private BpmnSource(byte[] bytes, BpmnProblem? encodingProblem)
    {
        _bytes = bytes;
        EncodingProblem = encodingProblem;
        _decoded = new Lazy<(Encoding, string)>(Decode);
    }

    static BpmnSource()
    {
        // Enterprise Architect saves windows-1252; .NET knows only UTF-*, ASCII and Latin-1 without this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The document's bytes, exactly as given. Not copied: the caller hands them over.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>How many bytes the document has.</summary>
    public int Length => _bytes.Length;

    /// <summary>The encoding the XML rules give the bytes (what an XML reader uses for them).</summary>
    public Encoding Encoding => _decoded.Value.Encoding;

    /// <summary>The IANA charset name of <see cref="Encoding"/> (<c>utf-8</c>, <c>iso-8859-1</c>, <c>utf-16</c>…).</summary>
    public string Charset => Encoding.WebName;

    /// <summary>The document as text: the bytes decoded by <see cref="Encoding"/>, without the byte order mark.</summary>
    public string Text => _decoded.Value.Text;

    /// <summary>
    /// Set when text given to <see cref="FromText"/> cannot be written in the encoding its XML declaration names
    /// (a <c>€</c> in a document that says ISO-8859-1): the document then has no faithful bytes.
    /// </summary>
    public BpmnProblem? EncodingProblem { get; }

    /// <summary>A document uploaded as bytes (a file, a raw request body). The array is kept, not copied.</summary>
    public static BpmnSource FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new BpmnSource(bytes, null);
    }

    /// <summary>
    /// A document given as text (a JSON string, a form field). Its bytes are the text written in the encoding its
    /// XML declaration names, so that the kept document says what it is: UTF-8 when it names none (or one .NET does
    /// not know, which the parser then reports), with a byte order mark for UTF-16 and UTF-32.
    /// </summary>
    public static BpmnSource FromText(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var text = xml.StartsWith('\uFEFF') ? xml[1..] : xml;
        var encoding = DeclaredEncoding(text) ?? Utf8;
        try
        {
            var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            var preamble = IsUnicode(encoding) ? strict.GetPreamble() : [];
            var body = strict.GetBytes(text);
            return new BpmnSource([.. preamble, .. body], null);
        }
        catch (EncoderFallbackException ex)
        {
            var (line, column) = BpmnParser.LineAndColumn(text, ex.Index);
            var problem = new BpmnProblem(ProblemCodes.XmlEncodingMismatch,
                $"The XML declaration names the encoding '{encoding.WebName}', which cannot write the character at line {line}, column {column}; declare UTF-8 or upload the file itself.",
                line, column, null);
            return new BpmnSource(Utf8.GetBytes(text), problem);
        }
    }

    /// <summary>The encoding named by the text's XML declaration, when there is one and .NET knows it.</summary>
    private static Encoding? DeclaredEncoding(string text)
    {
        if (!text.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.IndexOf("?>", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        try
        {
            // XmlReader over text reads the declaration's encoding but ignores it, which is what is wanted here.
            using var reader = XmlReader.Create(new StringReader(text[..(end + 2)] + "<x/>"), SecureSettings);
            reader.Read();
            return reader.NodeType == XmlNodeType.XmlDeclaration && reader.GetAttribute("encoding") is { Length: > 0 } name
                ? Encoding.GetEncoding(name)
                : null;
        }
        catch (Exception ex) when (ex is XmlException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Makes sure the code page encodings are registered (running the static constructor is enough).</summary>
    internal static void EnsureEncodings()
    {
    }

    private static bool IsUnicode(Encoding encoding) => encoding.CodePage is 1200 or 1201 or 12000 or 12001;

    private static XmlReaderSettings SecureSettings => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = true };

    /// <summary>
    /// Asks the XML reader itself which encoding it reads the bytes in, so the text is exactly what the parser saw.
    /// Bytes it cannot even start to read (the parser refuses those) fall back to a byte order mark, else UTF-8.
    /// </summary>
    private (Encoding, string) Decode()
    {
        var bom = ByteOrderMark(_bytes);
        Encoding encoding;
        try
        {
            using var reader = new XmlTextReader(new MemoryStream(_bytes, writable: false)) { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            reader.Read();
            encoding = reader.Encoding ?? bom.Encoding ?? Utf8;
        }
        catch (Exception ex) when (ex is XmlException or ArgumentException or NotSupportedException or DecoderFallbackException)
        {
            encoding = bom.Encoding ?? Utf8;
        }

        return (encoding, encoding.GetString(_bytes, bom.Length, _bytes.Length - bom.Length));
    }

    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };
}
