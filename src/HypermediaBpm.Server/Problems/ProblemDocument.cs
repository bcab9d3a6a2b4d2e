using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Problems;

/// <summary>
/// An RFC 9457 problem (<c>application/problem+json</c>) with the contract's extensions: <c>code</c> (stable,
/// UPPER_SNAKE) and <c>context</c> (an object with what a client can act on). <c>type</c> is a stable URI per
/// code (<c>TASK_NOT_OPEN</c> → <c>/problems/task-not-open</c>) and <c>title</c> is derived from it too, so both
/// are the same for every occurrence of the problem, as RFC 9457 asks.
/// </summary>
public sealed class ProblemDocument
{
    public ProblemDocument(int status, string code, string detail, IEnumerable<KeyValuePair<string, object?>>? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Status = status;
        Code = code;
        Detail = detail;
        Type = TypeFor(code);
        Title = TitleFor(code);
        Context = context is null ? new(StringComparer.Ordinal) : new(context, StringComparer.Ordinal);
    }

    /// <summary>A URI reference naming the kind of problem (relative to the server).</summary>
    public string Type { get; init; }

    public string Title { get; init; }

    public int Status { get; }

    public string Detail { get; }

    /// <summary>The request's path; the responder fills it in when it is not set.</summary>
    public string? Instance { get; set; }

    public string Code { get; }

    public Dictionary<string, object?> Context { get; }

    /// <summary><c>/problems/</c> + the code in lower case with dashes.</summary>
    public static string TypeFor(string code) => "/problems/" + code.ToLowerInvariant().Replace('_', '-');

    /// <summary>The code as a short sentence: <c>TASK_NOT_OPEN</c> → <c>Task not open</c>.</summary>
    public static string TitleFor(string code)
    {
        var words = code.ToLowerInvariant().Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }

    /// <summary>Writes the document as JSON: the RFC 9457 members, then <c>code</c> and <c>context</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", Type);
        writer.WriteString("title", Title);
        writer.WriteNumber("status", Status);
        writer.WriteString("detail", Detail);
        if (Instance is not null)
        {
            writer.WriteString("instance", Instance);
        }

        writer.WriteString("code", Code);
        writer.WritePropertyName("context");
        JsonValues.WriteObject(writer, Context);
        writer.WriteEndObject();
    }

    /// <summary>The document as UTF-8 JSON bytes.</summary>
    public byte[] ToUtf8Bytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonValues.WriterOptions))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
