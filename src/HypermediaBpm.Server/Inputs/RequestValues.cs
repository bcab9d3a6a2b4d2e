using System.Text.Json;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// The values a client submits to a template: a JSON object (HAL-FORMS clients) or form fields (browsers).
/// Browser-only fields (<c>_method</c>, the antiforgery token) are dropped.
/// </summary>
public sealed record RequestValues(Dictionary<string, object?> Values, bool FromHtmlForm)
{
    private static readonly HashSet<string> Plumbing = new(StringComparer.Ordinal) { "_method", "__RequestVerificationToken" };

    /// <summary>Whether a form field is the browser's plumbing (<c>_method</c>, the antiforgery token) rather than a value.</summary>
    public static bool IsPlumbing(string field) => Plumbing.Contains(field);

    public static async Task<RequestValues> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in form)
            {
                if (!Plumbing.Contains(name))
                {
                    values[name] = value.Count > 1 ? value.ToArray().Cast<object?>().ToList() : value.ToString();
                }
            }

            return new RequestValues(values, true);
        }

        if (request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null))
        {
            return new RequestValues(new Dictionary<string, object?>(StringComparer.Ordinal), false);
        }

        if (!BodyMediaType.IsJson(request.ContentType))
        {
            throw new UnsupportedMediaTypeException(request.ContentType, [MediaTypes.Json, MediaTypes.FormUrlEncoded, MediaTypes.MultipartFormData]);
        }

        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("BAD_REQUEST", "The body must be a JSON object of field names to values.");
            }

            return new RequestValues(
                doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => VariableJson.FromElement(p.Value), StringComparer.Ordinal), false);
        }
        catch (JsonException ex)
        {
            throw new BadRequestException("BAD_REQUEST", $"The body is not valid JSON: {ex.Message}",
                new Dictionary<string, object?> { ["line"] = ex.LineNumber + 1, ["position"] = ex.BytePositionInLine + 1 });
        }
    }

    /// <summary>Takes a reserved field (e.g. <c>businessKey</c>) out of the values.</summary>
    public string? Take(string name)
    {
        if (Values.Remove(name, out var value))
        {
            return value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>
    /// The variables to set: the fields themselves, or — Camunda style — the object under <c>variables</c>
    /// when that is all the body holds.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Variables =>
        Values.Count == 1 && Values.TryGetValue("variables", out var nested) && nested is Dictionary<string, object?> inner ? inner : Values;
}
