namespace HypermediaBpm.Server.Problems;

/// <summary>
/// Writes problem documents in one media type. <see cref="ProblemJsonFormatter"/> is the default; an HTML
/// problem page for browsers is one more implementation registered after it (the responder picks it when the
/// request's <c>Accept</c> names <c>text/html</c> explicitly). Problems bypass MVC content negotiation on
/// purpose: an error must never turn into a 406.
/// </summary>
public interface IProblemFormatter
{
    /// <summary>The media types that, named explicitly in <c>Accept</c>, select this formatter.</summary>
    IReadOnlyList<string> AcceptedMediaTypes { get; }

    /// <summary>The <c>Content-Type</c> written.</summary>
    string ContentType { get; }

    /// <summary>Writes the body; status and headers are already set.</summary>
    Task WriteAsync(HttpContext context, ProblemDocument problem, CancellationToken cancellationToken);
}
