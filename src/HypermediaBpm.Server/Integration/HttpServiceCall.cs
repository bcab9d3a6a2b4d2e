using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;
using Connector = HypermediaBpm.Engine.Behaviors.Tasks.HttpConnectorInputs;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// One HTTP service task call (Camunda's <c>http-connector</c>): the request built from the connector's inputs —
/// <c>url</c> (an RFC 6570 template: <c>{orderId}</c>, <c>{?a,b}</c>, expanded from the variables, after any
/// <c>${…}</c>), <c>method</c> (GET), <c>headers</c> (a <c>camunda:map</c>), <c>payload</c>, <c>timeout</c>,
/// <c>retryBackoff</c> (ISO 8601 durations) and <c>followRedirects</c> — and the variables its outputs compute from the
/// answer (<c>response</c>: the body, parsed when it is JSON; <c>statusCode</c>; <c>headers</c>). Inputs are checked
/// by the same rules as at deploy time (<see cref="HttpConnectorInputs"/>); a request that cannot be made is an
/// <see cref="HttpCallException"/>.
/// </summary>
public sealed class HttpServiceCall
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly string? _payload;
    private readonly MediaTypeHeaderValue? _contentType;

    private HttpServiceCall(
        HttpMethod method, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, string? payload, MediaTypeHeaderValue? contentType)
    {
        Method = method;
        Url = url;
        _headers = headers;
        _payload = payload;
        _contentType = contentType;
    }

    public HttpMethod Method { get; }

    public Uri Url { get; }

    /// <summary>What the task asks for (<c>timeout</c>, default 30 s); the worker cuts it to <c>HttpTasks:MaxTimeout</c>.</summary>
    public TimeSpan Timeout { get; private init; }

    /// <summary>How long a failed call waits before the next try (null: the job back-off).</summary>
    public TimeSpan? RetryBackoff { get; private init; }

    /// <summary>Whether redirects to the same origin are followed (<c>followRedirects</c>, default false).</summary>
    public bool FollowRedirects { get; private init; }

    public bool HasPayload => _payload is not null;

    /// <summary>The method and URL, to name the call in messages.</summary>
    public override string ToString() => $"{Method} {Url}";

    /// <summary>Builds the call of <paramref name="task"/> over <paramref name="variables"/>; <see cref="HttpCallException"/> when it cannot be made.</summary>
    public static HttpServiceCall Prepare(ServiceTask task, DeployedProcess process, IReadOnlyDictionary<string, object?> variables)
    {
        string? what = null;
        try
        {
            var resolver = new DictionaryVariableResolver(variables);
            string? Input(string name)
            {
                what = name;
                return task.ConnectorInputs.FirstOrDefault(i => i.Target == name)?.Source is { } source
                    ? Convert.ToString(process.Template(source.Trim()).Evaluate(resolver), CultureInfo.InvariantCulture)
                    : null;
            }

            var template = Input(Connector.Url) ?? throw Invalid(task, "it has no 'url' input");
            var expanded = UriTemplate.Expand(template, variables).Trim();
            if (Connector.WhyUrlInvalid(expanded) is { } badUrl)
            {
                throw Invalid(task, $"its 'url' input: {badUrl}");
            }

            var methodText = Input(Connector.Method) ?? "GET";
            if (Connector.WhyMethodInvalid(methodText) is { } badMethod)
            {
                throw Invalid(task, $"its 'method' input: {badMethod}");
            }

            var headers = Input(Connector.Headers) is { Length: > 0 } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
            var payload = Input(Connector.Payload);
            var contentType = payload is null ? null
                : MediaTypeHeaderValue.Parse(headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "application/json");
            var timeout = DefaultTimeout;
            if (Input(Connector.Timeout) is { Length: > 0 } t && !Connector.TryParseTimeout(t, out timeout, out var badTimeout))
            {
                throw Invalid(task, $"its 'timeout' input: {badTimeout}");
            }

            TimeSpan? backoff = null;
            if (Input(Connector.RetryBackoff) is { Length: > 0 } b)
            {
                backoff = Connector.TryParseBackoff(b, out var parsed, out var badBackoff) ? parsed : throw Invalid(task, $"its 'retryBackoff' input: {badBackoff}");
            }

            var follow = false;
            if (Input(Connector.FollowRedirects) is { Length: > 0 } f && !Connector.TryParseFollowRedirects(f, out follow))
            {
                throw Invalid(task, $"its 'followRedirects' input: '{f}' is neither true nor false");
            }

            var call = new HttpServiceCall(
                new HttpMethod(methodText.Trim().ToUpperInvariant()), new Uri(expanded), headers.Where(h => !IsContentType(h.Key)).ToList(), payload, contentType)
            {
                Timeout = timeout,
                RetryBackoff = backoff,
                FollowRedirects = follow,
            };
            call.CreateRequest(call.Method, call.Url, call.HasPayload).Dispose();
            return call;
        }
        catch (Exception ex) when (ex is ExpressionEvaluationException or JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw Invalid(task, what is null ? ex.Message : $"its '{what}' input: {ex.Message}");
        }
    }

    /// <summary>A request of this call: to <paramref name="uri"/> by <paramref name="method"/>, with the payload when <paramref name="withPayload"/>.</summary>
    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, bool withPayload)
    {
        var request = new HttpRequestMessage(method, uri);
        if (withPayload && _payload is not null)
        {
            request.Content = new StringContent(_payload, Encoding.UTF8);
            request.Content.Headers.ContentType = _contentType;
        }

        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>
    /// The answer's body parsed, when it says it is JSON (<c>application/json</c>, <c>…+json</c>,
    /// <c>application/tcc+json</c>) and is not empty; null otherwise.
    /// </summary>
    public static JsonDocument? ParseJson(HttpAnswer answer) =>
        answer.Body.Length > 0 && answer.MediaType is { } type
        && (type.EndsWith("json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            ? JsonDocument.Parse(answer.Body)
            : null;

    /// <summary>The variables the connector's outputs compute from a successful answer (<paramref name="json"/>: its body parsed, if JSON).</summary>
    public static Dictionary<string, object?> Results(
        ServiceTask task, DeployedProcess process, IReadOnlyDictionary<string, object?> variables, HttpAnswer answer, JsonDocument? json)
    {
        var parsed = json is null ? answer.Body : VariableJson.FromElement(json.RootElement);
        var scope = new Dictionary<string, object?>(variables, StringComparer.Ordinal)
        {
            ["response"] = parsed,
            ["statusCode"] = (long)answer.StatusCode,
            ["headers"] = answer.Headers.ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        var resolver = new DictionaryVariableResolver(scope);
        return task.ConnectorOutputs.ToDictionary(
            o => o.Target,
            o => o.Source is { Length: > 0 } source ? VariableJson.Normalize(process.Template(source.Trim()).Evaluate(resolver)) : null,
            StringComparer.Ordinal);
    }

    private static bool IsContentType(string header) => header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);

    private static HttpCallException Invalid(ServiceTask task, string why) =>
        new(IncidentCodes.HttpRequestInvalid, $"The request of '{task.DisplayName}' cannot be made: {why}.");
}
