using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// One HTTP service task call (Camunda's <c>http-connector</c>): the request built from the connector's inputs —
/// <c>url</c> (an RFC 6570 template: <c>{orderId}</c>, <c>{?a,b}</c>, expanded from the variables, after any
/// <c>${…}</c>), <c>method</c> (GET), <c>headers</c> (a <c>camunda:map</c>), <c>payload</c>, <c>timeout</c> and
/// <c>retryBackoff</c> (ISO 8601 durations) — and the variables its outputs compute from the answer
/// (<c>response</c>: the body, parsed when it is JSON; <c>statusCode</c>; <c>headers</c>).
/// </summary>
public sealed class HttpServiceCall
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private HttpServiceCall(HttpRequestMessage request, TimeSpan timeout, TimeSpan? retryBackoff)
    {
        Request = request;
        Timeout = timeout;
        RetryBackoff = retryBackoff;
    }

    public HttpRequestMessage Request { get; }

    public TimeSpan Timeout { get; }

    /// <summary>How long a failed call waits before the next try (null: the job back-off).</summary>
    public TimeSpan? RetryBackoff { get; }

    /// <summary>Builds the request of <paramref name="task"/> over <paramref name="variables"/>.</summary>
    public static HttpServiceCall Prepare(ServiceTask task, DeployedProcess process, IReadOnlyDictionary<string, object?> variables)
    {
        var resolver = new DictionaryVariableResolver(variables);
        string? Input(string name) =>
            task.ConnectorInputs.FirstOrDefault(i => i.Target == name)?.Source is { } source
                ? Convert.ToString(process.Template(source.Trim()).Evaluate(resolver), CultureInfo.InvariantCulture)
                : null;

        var url = Input("url") ?? throw new InvalidOperationException($"HTTP task '{task.DisplayName}' has no 'url' input.");
        var method = new HttpMethod((Input("method") ?? "GET").Trim().ToUpperInvariant());
        var request = new HttpRequestMessage(method, UriTemplate.Expand(url, variables));
        var headers = Input("headers") is { Length: > 0 } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
        if (Input("payload") is { } payload)
        {
            var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "application/json";
            request.Content = new StringContent(payload, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var timeout = Input("timeout") is { Length: > 0 } t ? System.Xml.XmlConvert.ToTimeSpan(t) : DefaultTimeout;
        TimeSpan? backoff = Input("retryBackoff") is { Length: > 0 } b ? System.Xml.XmlConvert.ToTimeSpan(b) : null;
        return new HttpServiceCall(request, timeout, backoff);
    }

    /// <summary>
    /// The answer's body parsed, when it says it is JSON (<c>application/json</c>, <c>…+json</c>,
    /// <c>application/tcc+json</c>) and is not empty; null otherwise.
    /// </summary>
    public static JsonDocument? ParseJson(HttpResponseMessage response, string body) =>
        body.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } type
        && (type.EndsWith("json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            ? JsonDocument.Parse(body)
            : null;

    /// <summary>The variables the connector's outputs compute from a successful answer (<paramref name="json"/>: its body parsed, if JSON).</summary>
    public static Dictionary<string, object?> Results(
        ServiceTask task, DeployedProcess process, IReadOnlyDictionary<string, object?> variables, HttpResponseMessage response, string body, JsonDocument? json)
    {
        var parsed = json is null ? body : VariableJson.FromElement(json.RootElement);
        var scope = new Dictionary<string, object?>(variables, StringComparer.Ordinal)
        {
            ["response"] = parsed,
            ["statusCode"] = (long)(int)response.StatusCode,
            ["headers"] = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => (object?)string.Join(", ", h.Value)),
        };
        var resolver = new DictionaryVariableResolver(scope);
        return task.ConnectorOutputs.ToDictionary(
            o => o.Target,
            o => o.Source is { Length: > 0 } source ? VariableJson.Normalize(process.Template(source.Trim()).Evaluate(resolver)) : null,
            StringComparer.Ordinal);
    }
}
