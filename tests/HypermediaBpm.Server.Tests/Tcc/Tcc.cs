using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>The try-confirm/cancel protocol as a client speaks it.</summary>
internal static class Tcc
{
    /// <summary>Reserves a start of <paramref name="processKey"/>; the participant link's uri.</summary>
    public static async Task<string> ReserveAsync(HttpClient http, string processKey, int ttlSeconds)
    {
        using var response = await http.PostAsync($"/processes/{processKey}/reservations",
            new StringContent($$"""{"amount": 10, "ttl": {{ttlSeconds}}}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("participantLink").GetProperty("uri").GetString()!;
    }

    /// <summary>Confirms one participant: <c>PUT</c> with <c>application/tcc</c> and no body.</summary>
    public static Task<HttpResponseMessage> PutAsync(HttpClient http, string uri)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/tcc");
        return http.PutAsync(uri, content);
    }

    /// <summary>Sends <c>{"participantLinks": …}</c> to the coordinator's <c>confirm</c> or <c>cancel</c>.</summary>
    public static Task<HttpResponseMessage> CoordinateAsync(HttpClient http, string target, string participantLinksJson)
    {
        var content = new StringContent($$"""{"participantLinks": {{participantLinksJson}}}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/tcc+json");
        return http.PutAsync(target, content);
    }

    public static string Link(string uri, DateTimeOffset expires) =>
        $$"""{"uri": "{{uri}}", "expires": "{{expires.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""";

    public static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("code").GetString();
    }
}
