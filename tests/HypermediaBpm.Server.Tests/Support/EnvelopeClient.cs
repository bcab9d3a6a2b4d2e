using System.Net;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// A plain JSON client as the process-definition API's examples are written (<c>fetch('/processes')</c>, Python
/// <c>requests</c>): it sends no <c>Accept</c>, reads <c>data</c>, and finds its way by the envelope's <c>links</c>.
/// </summary>
public sealed class EnvelopeClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>GET with no Accept; fails the test unless it is 200 with the envelope. Returns <c>data</c>.</summary>
    public async Task<JsonElement> GetAsync(string href)
    {
        using var response = await Http.GetAsync(href);
        return await DataAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Sends JSON (or nothing) with no Accept and returns the response as it is.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string href, object? body = null)
    {
        using var request = new HttpRequestMessage(method, href);
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>The <c>data</c> of a response that must have <paramref name="expected"/> status and the JSON envelope.</summary>
    public static async Task<JsonElement> DataAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("data").Clone();
    }

    /// <summary>The href of <paramref name="rel"/> in an envelope's <c>links</c> (the first, when there are several).</summary>
    public static string Link(JsonElement data, string rel)
    {
        var value = data.GetProperty("links").GetProperty(rel);
        return value.ValueKind == JsonValueKind.Array ? value[0].GetString()! : value.GetString()!;
    }

    /// <summary>A templated href with its query template dropped (<c>/instances{?state}</c> → <c>/instances</c>).</summary>
    public static string Untemplated(string href) => href.Contains('{', StringComparison.Ordinal) ? href[..href.IndexOf('{', StringComparison.Ordinal)] : href;
}
