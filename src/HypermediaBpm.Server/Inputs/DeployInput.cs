using System.Text.Json;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// A model to deploy, read from JSON <c>{name, bpmn_xml, version?}</c>, from a raw
/// <c>application/bpmn+xml</c> body, or from an HTML form (pasted text or an uploaded file). Uploaded bytes are kept
/// as they are (their XML declaration says how to read them); text is kept in the encoding it declares.
/// <see cref="Source"/> is null only when the model was optional (the <c>edit</c> of a process: a name alone keeps the model).
/// </summary>
/// <param name="Executable">
/// False to deploy the model for documentation only (<c>"executable": false</c>, <c>?executable=false</c>, or the deploy
/// page's checkbox left unticked): it is kept and drawn, but never started.
/// </param>
public sealed record DeployInput(string? Name, BpmnSource? Source, int? Version, bool FromHtmlForm, bool? ExecutableGiven = null)
{
    /// <summary>Whether the model is to run: as the request said, else yes.</summary>
    public bool Executable => ExecutableGiven ?? true;

    private const string ExecutableField = "executable";

    /// <summary>The antiforgery field that only forms of this server's own pages carry.</summary>
    private const string PageFormMarker = "__RequestVerificationToken";

    private static readonly string[] Accepted = [MediaTypes.Json, MediaTypes.Bpmn, MediaTypes.Xml, MediaTypes.MultipartFormData, MediaTypes.FormUrlEncoded];

    /// <param name="maxModelBytes">The largest model accepted: an upload is read no further than that.</param>
    /// <param name="modelRequired">False for a new version (<c>edit</c>): every field is optional there.</param>
    public static async Task<DeployInput> ReadAsync(HttpRequest request, long maxModelBytes, CancellationToken cancellationToken, bool modelRequired = true)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var xml = form["bpmn_xml"].ToString();
            var file = form.Files.GetFile("file") ?? form.Files.GetFile("bpmn_file") ?? form.Files.FirstOrDefault();
            var source = string.IsNullOrWhiteSpace(xml) && file is { Length: > 0 }
                ? await ReadAtMostAsync(file.OpenReadStream(), file.Length, maxModelBytes, cancellationToken).ConfigureAwait(false)
                : FromText(xml, modelRequired);

            // An unticked checkbox sends nothing: on this server's own page that means "not executable"; a form from
            // elsewhere (curl -F) that does not mention the field deploys an executable model as it always did.
            bool? executable = form.TryGetValue(ExecutableField, out var flag)
                ? ParseFlag(flag.ToArray().LastOrDefault())
                : form.ContainsKey(PageFormMarker) ? false : null;
            return new DeployInput(NullIfBlank(form["name"].ToString()), source, ParseVersion(form["version"].ToString()), true, executable);
        }

        if (BodyMediaType.IsBpmnXml(request.ContentType))
        {
            var source = await ReadAtMostAsync(request.Body, request.ContentLength, maxModelBytes, cancellationToken).ConfigureAwait(false);
            bool? executable = request.Query.TryGetValue(ExecutableField, out var flag) ? ParseFlag(flag.ToString()) : null;
            return new DeployInput(NullIfBlank(request.Query["name"]), source, ParseVersion(request.Query["version"]), false, executable);
        }

        if (!BodyMediaType.IsJson(request.ContentType))
        {
            throw new UnsupportedMediaTypeException(request.ContentType, Accepted);
        }

        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("BAD_REQUEST", "The body must be a JSON object {\"name\", \"bpmn_xml\", \"version\"}.");
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var xml = root.TryGetProperty("bpmn_xml", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            int? version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32()
                : root.TryGetProperty("version", out v) && v.ValueKind == JsonValueKind.String ? ParseVersion(v.GetString()) : null;
            bool? executable = !root.TryGetProperty(ExecutableField, out var e) ? null : e.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => ParseFlag(e.GetString()),
                _ => throw new BadRequestException("BAD_REQUEST", "'executable' must be true or false."),
            };
            return new DeployInput(NullIfBlank(name), FromText(xml, modelRequired), version, false, executable);
        }
        catch (JsonException ex)
        {
            throw new BadRequestException("BAD_REQUEST", $"The body is not valid JSON: {ex.Message}");
        }
        catch (FormatException)
        {
            throw new BadRequestException("BAD_REQUEST", "'version' must be a whole number.");
        }
    }

    private static BpmnSource? FromText(string? xml, bool required) =>
        !required && string.IsNullOrWhiteSpace(xml) ? null : BpmnSource.FromText(Require(xml));

    private static bool ParseFlag(string? value) =>
        value?.Trim().ToLowerInvariant() switch
        {
            "true" or "on" or "1" => true,
            "false" or "off" or "0" => false,
            _ => throw new BadRequestException("BAD_REQUEST", $"'executable' must be true or false, not '{value}'."),
        };

    private static string Require(string? xml) =>
        string.IsNullOrWhiteSpace(xml) ? throw NoModel() : xml;

    private static ValidationException NoModel() =>
        new("INVALID_INPUT", "No BPMN model was sent: give 'bpmn_xml' or upload a file.",
            [new ValidationError("FIELD_REQUIRED", "'bpmn_xml' is required.", "bpmn_xml")]);

    /// <summary>
    /// The uploaded bytes, as they are. Reading stops one byte past the limit, so an oversized upload costs no more
    /// memory than an accepted one; a declared length over the limit is refused before anything is read.
    /// </summary>
    private static async Task<BpmnSource> ReadAtMostAsync(Stream body, long? declaredLength, long maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            throw new ModelTooLargeException(declaredLength, maxBytes);
        }

        var capacity = (int)Math.Min(Math.Min(declaredLength ?? 81920, maxBytes + 1), Array.MaxLength);
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ModelTooLargeException(null, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        return bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') ? throw NoModel() : BpmnSource.FromBytes(bytes);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? ParseVersion(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null
        : int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v
        : throw new BadRequestException("BAD_REQUEST", $"'version' must be a positive whole number, not '{s}'.");
}
