using HypermediaBpm.Server.Representations;
using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// What kind of body a request carries, read from its <c>Content-Type</c> parsed as a media type (RFC 9110 §8.3.1)
/// and compared by type and subtype, never by substring: <c>text/plain;x=+json</c> is text, not JSON. This matters
/// beyond tidiness: a browser sends <c>text/plain</c>, form and multipart bodies to any site without asking it
/// first (CORS "simple" requests), so a body taken for JSON on a looser test could be posted by any web page.
/// </summary>
public static class BodyMediaType
{
    /// <summary><c>application/json</c> or <c>application/*+json</c> (HAL, HAL-FORMS, <c>tcc+json</c>, ...), any parameters.</summary>
    public static bool IsJson(string? contentType) =>
        TryParse(contentType, out var type)
        && type.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (type.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
            || (type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) && type.SubTypeWithoutSuffix.Length > 0 && !type.MatchesAllSubTypesWithoutSuffix));

    /// <summary>A BPMN model as XML: <c>application/bpmn+xml</c>, <c>application/xml</c> or <c>text/xml</c>.</summary>
    public static bool IsBpmnXml(string? contentType) =>
        TryParse(contentType, out var type)
        && (type.MediaType.Equals(MediaTypes.Bpmn, StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals(MediaTypes.Xml, StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase));

    private static bool TryParse(string? contentType, out MediaTypeHeaderValue type)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed is null)
        {
            type = null!;
            return false;
        }

        type = parsed;
        return !type.MatchesAllTypes && !type.MatchesAllSubTypes;
    }
}
