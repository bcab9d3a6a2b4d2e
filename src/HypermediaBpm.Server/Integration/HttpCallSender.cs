using System.Buffers;
using System.Text;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// Sends an HTTP task's call and reads its answer within bounds. Redirects are followed only when the task asks
/// (<c>followRedirects</c>), never to another origin (scheme, host and port: that is an <c>OUTBOUND_REFUSED</c>), at
/// most <c>HttpTasks:MaxRedirects</c> times, and never so that the method changes: after <c>GET</c>/<c>HEAD</c> any
/// redirect is followed with the same method; after any other method only <c>307</c>/<c>308</c> (which repeat the
/// method and the payload), because following a 301, 302 or 303 would turn a <c>POST</c> into a <c>GET</c> of something
/// else. A redirect not followed is the answer, with a note saying why. The body is read as it arrives and refused
/// past <c>HttpTasks:MaxResponseBytes</c>.
/// </summary>
public static class HttpCallSender
{
    public const string RedirectRule = "redirects stay on their origin";

    public static async Task<HttpAnswer> SendAsync(HttpClient client, HttpServiceCall call, HttpTaskOptions options, CancellationToken cancellationToken)
    {
        var (method, uri, withPayload) = (call.Method, call.Url, call.HasPayload);
        for (var redirects = 0; ; redirects++)
        {
            using var request = call.CreateRequest(method, uri, withPayload);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            string? note = null;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                note = !call.FollowRedirects ? "the redirect was not followed: followRedirects is false"
                    : !SameOrigin(uri, target) ? throw new OutboundRefusedException(RedirectRule, $"the redirect to {Origin(target)} leaves {Origin(uri)}")
                    : redirects >= options.MaxRedirects ? $"the redirect was not followed: {options.MaxRedirects} were (HttpTasks:MaxRedirects)"
                    : method == HttpMethod.Get || method == HttpMethod.Head || status is 307 or 308 ? null
                    : $"a {status} after {method} is not followed, as it would turn the {method} into a GET; only 307 and 308 are";
                if (note is null)
                {
                    uri = target;
                    continue;
                }
            }

            return await ReadAsync(response, uri, options.MaxResponseBytes, call, cancellationToken).ConfigureAwait(false) with { Note = note };
        }
    }

    private static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response, Uri uri, long limit, HttpServiceCall call, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw TooLarge(call, limit);
        }

        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw TooLarge(call, limit);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var headers = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)));
        var text = EncodingOf(response).GetString(body.GetBuffer(), 0, (int)body.Length);
        return new HttpAnswer((int)response.StatusCode, response.ReasonPhrase, response.Content.Headers.ContentType?.MediaType, headers, text, uri);
    }

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        try
        {
            return response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static HttpCallException TooLarge(HttpServiceCall call, long limit) =>
        new(IncidentCodes.HttpResponseTooLarge,
            $"{call} answered with more than {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes, "
            + "the most the server reads (HttpTasks:MaxResponseBytes); the answer was not read further.");
}
