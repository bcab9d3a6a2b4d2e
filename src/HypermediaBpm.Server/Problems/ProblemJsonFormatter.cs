using System.Text.Json;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Problems;

/// <summary><c>application/problem+json</c> (RFC 9457): the problem format every client gets unless it asks for HTML.</summary>
public sealed class ProblemJsonFormatter : IProblemFormatter
{
    /// <inheritdoc />
    public IReadOnlyList<string> AcceptedMediaTypes { get; } =
        [MediaTypes.Problem, MediaTypes.Json, MediaTypes.Hal, MediaTypes.HalForms];

    /// <inheritdoc />
    public string ContentType => MediaTypes.Problem;

    /// <inheritdoc />
    public async Task WriteAsync(HttpContext context, ProblemDocument problem, CancellationToken cancellationToken)
    {
        var body = context.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(body, JsonValues.WriterOptions))
        {
            problem.WriteTo(writer);
        }

        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
