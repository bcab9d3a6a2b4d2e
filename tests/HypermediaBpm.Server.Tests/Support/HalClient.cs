using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// A generic HAL-FORMS client: knows "/" and then only follows relations and submits templates by name.
/// It never builds a URI itself (templated links are expanded per RFC 6570 form-style query).
/// </summary>
public sealed class HalClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<HalDocument> GetAsync(string href, string accept = "application/hal+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {href} → {(int)response.StatusCode}: {body}");
        return new HalDocument(JsonDocument.Parse(body).RootElement.Clone());
    }

    public async Task<HalDocument> FollowAsync(HalDocument from, string rel, IReadOnlyDictionary<string, string>? variables = null) =>
        await GetAsync(Expand(from.Link(rel), variables));

    /// <summary>Submits a template with the given values (JSON, as HAL-FORMS says: method, target, contentType).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HalDocument from, string templateName, object? values = null, Action<HttpRequestMessage>? configure = null)
    {
        var template = from.Template(templateName);
        var method = new HttpMethod(template.GetProperty("method").GetString()!);
        var target = template.TryGetProperty("target", out var t) ? t.GetString()! : from.Self;
        var request = new HttpRequestMessage(method, target);
        request.Headers.Accept.ParseAdd("application/hal+json");
        if (values is not null)
        {
            var contentType = template.TryGetProperty("contentType", out var ct) ? ct.GetString()! : "application/json";
            request.Content = new StringContent(JsonSerializer.Serialize(values), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    /// <summary>Deploys a model (raw BPMN XML); fails the test unless it is created.</summary>
    public async Task<HalDocument> DeployAsync(string bpmnXml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/processes") { Content = new StringContent(bpmnXml, Encoding.UTF8, "application/bpmn+xml") };
        request.Headers.Accept.ParseAdd("application/hal+json");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"deploy → {(int)response.StatusCode}: {body}");
        return new HalDocument(JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Starts an instance of <paramref name="key"/> by its start template; fails the test unless it is created.</summary>
    public async Task<HalDocument> StartAsync(string key, object values)
    {
        var process = await GetAsync("/processes/" + Uri.EscapeDataString(key));
        using var response = await SubmitAsync(process, "start", values);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"start → {(int)response.StatusCode}: {body}");
        return new HalDocument(JsonDocument.Parse(body).RootElement.Clone());
    }

    public static async Task<HalDocument> ReadAsync(HttpResponseMessage response) =>
        new(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());

    public static string Expand(string href, IReadOnlyDictionary<string, string>? variables)
    {
        var open = href.IndexOf("{?", StringComparison.Ordinal);
        if (open < 0)
        {
            return href;
        }

        var names = href[(open + 2)..href.IndexOf('}', open)].Split(',');
        var pairs = names.Where(n => variables?.ContainsKey(n) == true).Select(n => $"{n}={Uri.EscapeDataString(variables![n])}").ToList();
        return href[..open] + (pairs.Count > 0 ? "?" + string.Join("&", pairs) : string.Empty);
    }
}
