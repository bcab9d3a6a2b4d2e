using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Tcc;

/// <summary>One participant link as a coordinator receives it: where to confirm or cancel, and until when.</summary>
public sealed record ParticipantLink(Uri Uri, DateTimeOffset Expires);

/// <summary>
/// Reads the coordinator's body, <c>{"participantLinks": [{"uri", "expires"}, …]}</c> (<c>application/tcc+json</c>,
/// or from an HTML form the same array as the text of <c>participantLinks</c>). A link without an absolute
/// <c>http(s)</c> <c>uri</c> or an RFC 3339 <c>expires</c> is <c>400 PARTICIPANT_LINK_INVALID</c>, naming it.
/// </summary>
public static class ParticipantLinks
{
    public const string Field = "participantLinks";

    public static async Task<IReadOnlyList<ParticipantLink>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string json;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            json = $"{{\"{Field}\": {(form[Field].ToString() is { Length: > 0 } text ? text : "null")}}}";
        }
        else if (RequestValues.IsJson(request.ContentType))
        {
            using var reader = new StreamReader(request.Body);
            json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new UnsupportedMediaTypeException(request.ContentType, [MediaTypes.TccJson, MediaTypes.Json, MediaTypes.FormUrlEncoded]);
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty(Field, out var links) || links.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("The body must be {\"participantLinks\": [{\"uri\": …, \"expires\": …}, …]}.", null, Field);
            }

            var result = new List<ParticipantLink>();
            var index = 0;
            foreach (var link in links.EnumerateArray())
            {
                result.Add(Parse(link, index++));
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new BadRequestException("BAD_REQUEST", $"The body is not valid JSON: {ex.Message}");
        }
    }

    private static ParticipantLink Parse(JsonElement link, int index)
    {
        if (link.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"Participant link {index} is not an object.", index, "uri");
        }

        if (!link.TryGetProperty("uri", out var uri) || uri.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw Invalid($"Participant link {index} has no absolute http(s) 'uri'.", index, "uri");
        }

        if (!link.TryGetProperty("expires", out var expires) || expires.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw Invalid($"Participant link {index} has no RFC 3339 'expires'.", index, "expires");
        }

        return new ParticipantLink(parsed, at.ToUniversalTime());
    }

    private static BadRequestException Invalid(string message, int? index, string field) =>
        new("PARTICIPANT_LINK_INVALID", message, new Dictionary<string, object?> { ["index"] = index, ["field"] = field });
}
