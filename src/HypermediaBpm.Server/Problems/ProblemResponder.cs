using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Problems;

/// <summary>
/// Writes a problem as the response: picks the <see cref="IProblemFormatter"/> (problem+json unless
/// <c>Accept</c> names another formatter's type explicitly with a higher quality), sets status and headers.
/// </summary>
public sealed class ProblemResponder(IEnumerable<IProblemFormatter> formatters)
{
    private readonly IReadOnlyList<IProblemFormatter> _formatters = formatters.ToList();

    /// <summary>Writes <paramref name="problem"/>; the response must not have started.</summary>
    public Task WriteAsync(HttpContext context, ProblemDocument problem)
    {
        var response = context.Response;
        problem.Instance ??= context.Request.PathBase + context.Request.Path;
        var formatter = Select(context.Request);
        response.StatusCode = problem.Status;
        response.ContentType = formatter.ContentType;

        // An error is about this moment: a cache must not replay yesterday's 404 for a process deployed since.
        response.Headers.CacheControl = "no-store";
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : formatter.WriteAsync(context, problem, context.RequestAborted);
    }

    /// <summary>The formatter for this request: explicitly named types only (wildcards give the default), best quality wins, ties go to the earlier one.</summary>
    public IProblemFormatter Select(HttpRequest request)
    {
        var fallback = _formatters.FirstOrDefault(f => f is ProblemJsonFormatter) ?? _formatters[0];
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || _formatters.Count == 1)
        {
            return fallback;
        }

        IProblemFormatter? best = null;
        var bestQuality = 0.0;
        foreach (var formatter in _formatters)
        {
            var quality = accepted
                .Where(a => !a.MatchesAllTypes && !a.MatchesAllSubTypes && formatter.AcceptedMediaTypes.Any(t => a.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
                .Select(a => a.Quality ?? 1.0)
                .DefaultIfEmpty(0.0)
                .Max();
            if (quality > bestQuality)
            {
                best = formatter;
                bestQuality = quality;
            }
        }

        return best ?? fallback;
    }
}
