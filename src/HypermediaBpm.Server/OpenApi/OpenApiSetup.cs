using Microsoft.AspNetCore.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description at <see cref="Path"/>: generated from the endpoints the server maps, with the
/// media types its formatters write, the problem responses and the sign-in schemes added by transformers. It
/// helps code generators and API gateways; the hypermedia contract (links and templates) stays the interface.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    /// <summary>Where the description is served (linked from the root as IANA <c>service-desc</c>).</summary>
    public const string Path = "/openapi/" + DocumentName + ".json";

    public static IServiceCollection AddHypermediaOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;

            // The server's own types (Resource, Link, Template, ...) are not what clients read: never components of their
            // own, only inline, where RepresentationsTransformer puts the documents clients do read in their place.
            options.CreateSchemaReferenceId = _ => null;
            options.AddDocumentTransformer<ServiceInfoTransformer>();
            options.AddOperationTransformer<RepresentationsTransformer>();
            options.AddDocumentTransformer<EndpointCoverageTransformer>();
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
        });
        return services;
    }

    /// <summary>
    /// Maps the description for signed-in users only: contract §9 lets anonymous requests read the root, the
    /// relation and user docs and nothing else, and the description names every operation there is.
    /// </summary>
    public static IEndpointConventionBuilder MapHypermediaOpenApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization();
}
