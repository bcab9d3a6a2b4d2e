using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// A model to deploy, read from JSON <c>{name, bpmn_xml, version?}</c>, from a raw
/// <c>application/bpmn+xml</c> body, or from an HTML form (pasted text or an uploaded file).
/// </summary>
public sealed record DeployInput(string? Name, string BpmnXml, int? Version, bool FromHtmlForm)
{
    private static readonly string[] Accepted = [MediaTypes.Json, MediaTypes.Bpmn, MediaTypes.Xml, MediaTypes.MultipartFormData, MediaTypes.FormUrlEncoded];

    public static async Task<DeployInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var xml = form["bpmn_xml"].ToString();
            var file = form.Files.GetFile("file") ?? form.Files.GetFile("bpmn_file") ?? form.Files.FirstOrDefault();
            if (string.IsNullOrWhiteSpace(xml) && file is { Length: > 0 })
            {
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                xml = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }

            return new DeployInput(NullIfBlank(form["name"].ToString()), Require(xml), ParseVersion(form["version"].ToString()), true);
        }

        if (BodyMediaType.IsBpmnXml(request.ContentType))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var xml = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return new DeployInput(NullIfBlank(request.Query["name"]), Require(xml), ParseVersion(request.Query["version"]), false);
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
            return new DeployInput(NullIfBlank(name), Require(xml), version, false);
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

    private static string Require(string? xml) =>
        string.IsNullOrWhiteSpace(xml)
            ? throw new Engine.Errors.ValidationException("INVALID_INPUT", "No BPMN model was sent: give 'bpmn_xml' or upload a file.",
                [new Engine.Errors.ValidationError("FIELD_REQUIRED", "'bpmn_xml' is required.", "bpmn_xml")])
            : xml;

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? ParseVersion(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null
        : int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v
        : throw new BadRequestException("BAD_REQUEST", $"'version' must be a positive whole number, not '{s}'.");
}
