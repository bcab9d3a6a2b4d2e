using HypermediaBpm.Server.Problems;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Refuses a body whose <c>Content-Length</c> is over the limit before anything reads it, with
/// <c>413 REQUEST_TOO_LARGE</c>. Kestrel enforces the same limit while reading (chunked bodies too); this check
/// makes the answer early and identical on hosts that do not (the test server).
/// </summary>
public sealed class RequestBodyLimitFilter(IOptions<RepresentationOptions> options) : IResourceFilter
{
    /// <summary>The limit for this request: the endpoint's <c>[RequestSizeLimit]</c> (null = none), else the configured one.</summary>
    public static long? LimitFor(HttpContext http, RepresentationOptions options) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit
            ? endpointLimit.MaxRequestBodySize
            : options.MaxRequestBodySize;

    /// <inheritdoc />
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength is { } length && LimitFor(http, options.Value) is { } limit && length > limit)
        {
            throw new HttpProblemException(StatusCodes.Status413PayloadTooLarge, ProblemCodes.RequestTooLarge,
                $"The request body is {length} bytes; this endpoint takes at most {limit}.",
                new Dictionary<string, object?> { ["limit"] = limit, ["length"] = length });
        }
    }

    /// <inheritdoc />
    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
