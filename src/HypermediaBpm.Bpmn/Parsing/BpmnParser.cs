using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>
/// Reads a BPMN 2.0 XML document into the <see cref="BpmnDefinitions"/> model and checks its structure with
/// <see cref="BpmnValidator"/>. It reads Camunda 7 (and Activiti) and Zeebe extensions and BPMN DI.
/// </summary>
/// <remarks>
/// Bad input never throws: every fault comes back as a located <see cref="BpmnProblem"/>. DTDs are refused,
/// so no entity is expanded and no external file or URL is ever read, and the size is bounded.
/// </remarks>
public static partial class BpmnParser
{
    /// <summary>The deepest element nesting accepted; the corpus's deepest model has 10 levels.</summary>
    private const int MaxXmlDepth = 256;

    private static readonly BpmnParserOptions DefaultOptions = new();

    /// <summary>XmlException messages end with "Line 28, position 7."; the problem carries those separately.</summary>
    private static readonly Regex LineSuffix = new(@"\s*Line \d+, position \d+\.?\s*$", RegexOptions.CultureInvariant);

    static BpmnParser()
    {
        BpmnSource.EnsureEncodings();
    }

    /// <summary>Parses BPMN XML held in a string. The XML declaration's encoding is irrelevant here and ignored.</summary>
    /// <param name="xml">The document.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The model (null when the input is not readable BPMN at all) and every problem found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    public static BpmnParseResult Parse(string xml, BpmnParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var max = Limit(options);
        if (xml.Length > max)
        {
            return TooLarge($"The document has {xml.Length:N0} characters; at most {max:N0} are accepted.");
        }

        // A byte order mark decoded into the string (Encoding.UTF8.GetString keeps it) is not XML content.
        var text = xml.StartsWith('\uFEFF') ? xml[1..] : xml;
        return Load(() => XmlReader.Create(new StringReader(text), Settings(max)), () => LocateDoctype(text));
    }

    /// <summary>Parses BPMN XML from a stream, honouring its XML declaration's encoding (e.g. ISO-8859-1).</summary>
    /// <param name="xml">The document; read to its end but not disposed.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The model (null when the input is not readable BPMN at all) and every problem found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    public static BpmnParseResult Parse(Stream xml, BpmnParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var max = Limit(options);

        // A character takes at most 4 bytes, so more bytes than that is too large whatever the encoding; copying
        // stops there, which bounds memory for an endless upload. The copy also lets a DOCTYPE be located.
        var byteLimit = max > long.MaxValue / 8 ? long.MaxValue / 2 : (max * 4) + 4;
        using var buffer = ReadAtMost(xml, byteLimit);
        return buffer is null
            ? TooLarge($"The document is larger than {max:N0} characters, the most that is accepted.")
            : Parse(buffer, max);
    }

    /// <summary>
    /// Parses a kept document from its bytes, as <see cref="Parse(Stream, BpmnParserOptions?)"/> does, without copying them.
    /// Text that could not be written in the encoding it declares (<see cref="BpmnSource.EncodingProblem"/>) is refused.
    /// </summary>
    /// <param name="source">The document.</param>
    /// <param name="options">Limits; null for the defaults.</param>
    /// <returns>The model (null when the input is not readable BPMN at all) and every problem found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static BpmnParseResult Parse(BpmnSource source, BpmnParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.EncodingProblem is { } problem)
        {
            return Refused(problem);
        }

        var max = Limit(options);
        var byteLimit = max > long.MaxValue / 8 ? long.MaxValue / 2 : (max * 4) + 4;
        if (source.Length > byteLimit)
        {
            return TooLarge($"The document is larger than {max:N0} characters, the most that is accepted.");
        }

        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray(source.Bytes, out var bytes))
        {
            bytes = source.Bytes.ToArray();
        }

        using var buffer = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false, publiclyVisible: true);
        return Parse(buffer, max);
    }

    private static BpmnParseResult Parse(MemoryStream buffer, long max) =>
        Load(
            () =>
            {
                buffer.Position = 0; // read twice: the depth scan, then the load
                return XmlReader.Create(buffer, Settings(max));
            },
            () => LocateDoctype(buffer));

    private static long Limit(BpmnParserOptions? options) => Math.Max(1, (options ?? DefaultOptions).MaxCharacters);

    private static XmlReaderSettings Settings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static BpmnParseResult Load(Func<XmlReader> open, Func<(int Line, int Column)> locateDoctype)
    {
        XDocument document;
        try
        {
            // XmlReader.Create already reads the first block, so it can throw the size or DTD error too.
            using (var scan = open())
            {
                if (TooDeep(scan) is { } tooDeep)
                {
                    return Refused(tooDeep);
                }
            }

            using var reader = open();
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return Refused(Classify(ex, locateDoctype));
        }
        catch (Exception ex) when (ex is DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return Refused(new BpmnProblem(ProblemCodes.XmlMalformed, $"The document cannot be read as XML: {ex.Message}", 1, 1, null));
        }

        return Map(document);
    }

    /// <summary>
    /// A first pass with the bare reader, which is linear. XDocument walks up to the root for every element it
    /// adds, so loading time grows with element count times depth: 20 000 nested elements already take
    /// seconds, and a 10 MB document nested all the way down would take hours. Real models nest about 10 deep.
    /// The pass also surfaces every well-formedness error before any tree is built.
    /// </summary>
    private static BpmnProblem? TooDeep(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.Depth > MaxXmlDepth)
            {
                var info = (IXmlLineInfo)reader;
                return new BpmnProblem(ProblemCodes.XmlTooDeep,
                    $"Elements are nested more than {MaxXmlDepth} levels deep at line {info.LineNumber}; BPMN models nest far less, so the document is refused.",
                    Math.Max(1, info.LineNumber), Math.Max(1, info.LinePosition - 1), null);
            }
        }

        return null;
    }

    private static BpmnParseResult Map(XDocument document)
    {
        var root = document.Root!;
        if (root.Name != BpmnXml.ModelNs + "definitions")
        {
            var pos = BpmnXml.PositionOf(root);
            var found = root.Name.NamespaceName.Length == 0 ? root.Name.LocalName : $"{root.Name.LocalName} in namespace '{root.Name.NamespaceName}'";
            return Refused(new BpmnProblem(ProblemCodes.NotBpmn,
                $"This is not a BPMN 2.0 document: the root element is {found}, but it must be definitions in namespace '{BpmnXml.ModelNs.NamespaceName}'.",
                pos.Line, pos.Column, null));
        }

        var context = new ParseContext();
        BpmnDefinitions? definitions;
        try
        {
            definitions = MapDefinitions(root, context);
            context.Problems.AddRange(BpmnValidator.Validate(definitions));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never seen on the corpus; kept so that a parser bug gives a 422 naming it, not a 500.
            definitions = null;
            context.Problems.Add(new BpmnProblem(ProblemCodes.InternalError,
                $"The parser failed on this document ({ex.GetType().Name}: {ex.Message}). Please report this as a bug.", 1, 1, null));
        }

        var problems = context.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return new BpmnParseResult(definitions, problems);
    }

    private static BpmnProblem Classify(XmlException ex, Func<(int Line, int Column)> locateDoctype)
    {
        var message = ex.Message;
        if (message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            return new BpmnProblem(ProblemCodes.XmlTooLarge, "The document is larger than the most characters that are accepted.", 1, 1, null);
        }

        if (message.Contains("DTD", StringComparison.Ordinal))
        {
            // .NET gives no position for this one, so find the DOCTYPE in the text.
            var (line, column) = locateDoctype();
            return new BpmnProblem(ProblemCodes.XmlDtdProhibited,
                "DOCTYPE is not allowed in BPMN documents; remove the DOCTYPE declaration (entities are never expanded).", line, column, null);
        }

        var reason = LineSuffix.Replace(message, string.Empty);
        var at = ex.LineNumber > 0 ? $" at line {ex.LineNumber}, column {Math.Max(1, ex.LinePosition)}" : string.Empty;
        return new BpmnProblem(ProblemCodes.XmlMalformed, $"The document is not well-formed XML{at}: {reason}",
            Math.Max(1, ex.LineNumber), Math.Max(1, ex.LinePosition), null);
    }

    private static BpmnParseResult Refused(BpmnProblem problem) => new(null, [problem]);

    private static BpmnParseResult TooLarge(string message) => Refused(new BpmnProblem(ProblemCodes.XmlTooLarge, message, 1, 1, null));

    private static MemoryStream? ReadAtMost(Stream source, long maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                buffer.Dispose();
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static (int Line, int Column) LocateDoctype(MemoryStream buffer)
    {
        // The DOCTYPE can only stand in the prolog, so the first 64 KB suffice; every encoding a BPMN file
        // uses is ASCII-compatible there or starts with a byte order mark.
        var bytes = buffer.TryGetBuffer(out var segment) ? segment : new ArraySegment<byte>(buffer.ToArray());
        var length = Math.Min(bytes.Count, 65536);
        using var reader = new StreamReader(new MemoryStream(bytes.Array!, bytes.Offset, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return LocateDoctype(reader.ReadToEnd());
    }

    private static (int Line, int Column) LocateDoctype(string text)
    {
        var index = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        return index < 0 ? (1, 1) : LineAndColumn(text, index);
    }

    /// <summary>1-based line and column of a character index, counting CRLF, CR and LF as one line break each (as XML does).</summary>
    internal static (int Line, int Column) LineAndColumn(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
