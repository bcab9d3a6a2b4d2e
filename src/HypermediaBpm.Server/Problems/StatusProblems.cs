namespace HypermediaBpm.Server.Problems;

/// <summary>The problem for a response that ended with an error status and no body (no route, wrong method, ...).</summary>
public static class StatusProblems
{
    public static ProblemDocument From(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        return status switch
        {
            StatusCodes.Status404NotFound => new ProblemDocument(status, ProblemCodes.NotFound,
                $"There is nothing at '{request.PathBase}{request.Path}'. Start at '/' and follow links."),
            StatusCodes.Status405MethodNotAllowed => new ProblemDocument(status, ProblemCodes.MethodNotAllowed,
                $"'{request.Method}' is not allowed here.",
                new Dictionary<string, object?> { ["method"] = request.Method, ["allowed"] = Allowed(context.Response) }),
            StatusCodes.Status415UnsupportedMediaType => new ProblemDocument(status, ProblemCodes.UnsupportedMediaType,
                $"This endpoint does not read '{request.ContentType ?? "(none)"}'.",
                new Dictionary<string, object?> { ["contentType"] = request.ContentType }),
            _ => new ProblemDocument(status, ProblemCodes.ForStatus(status), ReasonPhrase(status)),
        };
    }

    private static List<string> Allowed(HttpResponse response) =>
        response.Headers.Allow.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : $"The request failed with status {status}.";
}
