using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Tcc;

/// <summary>
/// Reads the coordinator's body, <c>{"participantLinks": [{"uri", "expires"}, …]}</c> (<c>application/tcc+json</c>,
/// or from an HTML form the same array as the text of <c>participantLinks</c>). A link without an absolute
/// <c>http(s)</c> <c>uri</c> or an RFC 3339 <c>expires</c> is <c>400 PARTICIPANT_LINK_INVALID</c>, naming it; more
/// than <c>Tcc:MaxParticipantLinks</c> links are <c>400 PARTICIPANT_LINKS_TOO_MANY</c>, before anyone is called.
/// </summary>
public static class ParticipantLinks
{
    public const string Field = "participantLinks";

    public static async Task<IReadOnlyList<ParticipantLink>> ReadAsync(HttpRequest request, int maxLinks, CancellationToken cancellationToken)
    {
        string json;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            json = $"{{\"{Field}\": {(form[Field].ToString() is { Length: > 0 } text ? text : "null")}}}";
        }
        else if (BodyMediaType.IsJson(request.ContentType))
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

            if (links.GetArrayLength() > maxLinks)
            {
                throw new BadRequestException(Problems.ProblemCodes.ParticipantLinksTooMany,
                    $"A coordination takes at most {maxLinks} participant links (Tcc:MaxParticipantLinks); this one has {links.GetArrayLength()}.",
                    new Dictionary<string, object?> { ["field"] = Field, ["max"] = maxLinks, ["count"] = links.GetArrayLength() });
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

    /// <summary>
    /// The <c>participantLink</c> of a participant's JSON answer (what an HTTP task inside a transaction got back), its
    /// <c>uri</c> resolved against the request's; null when the answer has none. A link without a usable <c>uri</c> or
    /// <c>expires</c> is an <see cref="InvalidOperationException"/> saying which.
    /// </summary>
    public static ParticipantLink? InAnswer(JsonElement answer, Uri requestUri)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("participantLink", out var link))
        {
            return null;
        }

        return TryParse(link, requestUri, out var parsed, out var problem)
            ? parsed
            : throw new InvalidOperationException($"The answer's participantLink {problem.Text}.");
    }

    private static ParticipantLink Parse(JsonElement link, int index) =>
        TryParse(link, null, out var parsed, out var problem)
            ? parsed!
            : throw Invalid($"Participant link {index} {problem.Text}.", index, problem.Field);

    /// <summary>A link object; a relative <c>uri</c> only with <paramref name="baseUri"/>. Otherwise false, and which field is wrong and how.</summary>
    private static bool TryParse(JsonElement link, Uri? baseUri, out ParticipantLink? parsed, out (string Field, string Text) problem)
    {
        parsed = null;
        if (link.ValueKind != JsonValueKind.Object)
        {
            problem = ("uri", "is not an object");
            return false;
        }

        if (!link.TryGetProperty("uri", out var uri) || uri.ValueKind != JsonValueKind.String
            || !(baseUri is null ? Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var target) : Uri.TryCreate(baseUri, uri.GetString(), out target))
            || target.Scheme is not ("http" or "https"))
        {
            problem = ("uri", "has no absolute http(s) 'uri'");
            return false;
        }

        if (!link.TryGetProperty("expires", out var expires) || expires.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            problem = ("expires", "has no RFC 3339 'expires'");
            return false;
        }

        problem = default;
        parsed = new ParticipantLink(target, at.ToUniversalTime());
        return true;
    }

    private static BadRequestException Invalid(string message, int? index, string field) =>
        new("PARTICIPANT_LINK_INVALID", message, new Dictionary<string, object?> { ["index"] = index, ["field"] = field });
}
