using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>
/// Each operation's answers as the server really gives them: a resource in every media type its output
/// formatters write (chosen by <c>Accept</c>, a <c>.{format}</c> suffix or <c>?format=</c>), and the RFC 9457
/// problems (<c>application/problem+json</c>, with a stable <c>code</c>) the request can meet.
/// </summary>
internal sealed class RepresentationsTransformer : IOpenApiOperationTransformer
{
    private static readonly IReadOnlyList<string> ResourceMediaTypes =
    [
        .. RepresentationSetup.CreateResourceFormatters().SelectMany(f => f.SupportedMediaTypes).Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var method = context.Description.HttpMethod ?? "GET";
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (!operation.Responses.Keys.Any(k => k.StartsWith('2') || k.StartsWith('3')))
        {
            operation.Responses[safe ? "200" : "200"] = new OpenApiResponse { Description = "OK" };
        }

        foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('2')).ToList())
        {
            if (response is OpenApiResponse concrete && status != "204")
            {
                // The API explorer would describe the server's internal resource model; clients see these documents instead.
                concrete.Content = ResourceMediaTypes.ToDictionary(m => m, m => new OpenApiMediaType { Schema = RepresentationSchemas.For(m, context.Document) });
                concrete.Description = "The resource, in the representation `Accept` (or a `.{format}` suffix, or `?format=`) asks for; "
                    + "the types a resource has are its `alternate` links. `ETag` and `Last-Modified` on stateful resources.";
            }
        }

        if (!safe && !HttpMethods.IsDelete(method) && operation.RequestBody is null)
        {
            operation.RequestBody = RepresentationSchemas.TemplateInput(context.Document);
        }

        foreach (var (status, description) in Problems(safe))
        {
            operation.Responses.TryAdd(status, ProblemSchema.Response(context.Document, description));
        }

        return Task.CompletedTask;
    }

    /// <summary>The problems every operation of this kind can answer (each with its codes in <see cref="ProblemCodes"/> and the engine's).</summary>
    private static IEnumerable<(string Status, string Description)> Problems(bool safe)
    {
        if (!safe)
        {
            yield return ("400", "The request is malformed (`BAD_REQUEST`, `INVALID_INPUT`).");
        }

        yield return ("401", "Not signed in (`AUTHENTICATION_REQUIRED`, `CREDENTIALS_INVALID`); `WWW-Authenticate` names Basic and Bearer, a `bpm:login` link the sign-in page.");
        yield return ("403", "Signed in without the right (`FORBIDDEN`, `context.required` names the groups or rule), or a refused cross-site request (`CROSS_SITE_REQUEST_REFUSED`, `ANTIFORGERY_TOKEN_INVALID`).");
        yield return ("404", "No such resource, or one this user may not see (`NOT_FOUND` and the engine's `*_NOT_FOUND` codes).");
        yield return ("406", "No representation matches `Accept` (`NOT_ACCEPTABLE`, `context` lists the available types).");
        if (!safe)
        {
            yield return ("409", "The resource is not in a state that allows this (`CONFLICT` and the engine's state codes such as `TASK_NOT_OPEN`, `INSTANCE_SUSPENDED`).");
            yield return ("412", "`If-Match` names a revision that is no longer current (`PRECONDITION_FAILED`).");
            yield return ("413", "The body or model is too large (`REQUEST_TOO_LARGE`).");
            yield return ("415", "The body's media type is not accepted here (`UNSUPPORTED_MEDIA_TYPE`).");
            yield return ("422", "The content breaks a rule (`UNPROCESSABLE_CONTENT`, `BPMN_INVALID` with line and column, form field errors).");
        }

        yield return ("429", "Too many failed sign-ins (`TOO_MANY_SIGN_IN_FAILURES`, with `Retry-After`).");
    }
}
