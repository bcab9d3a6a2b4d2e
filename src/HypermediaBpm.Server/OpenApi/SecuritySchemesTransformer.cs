using HypermediaBpm.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>
/// The ways to sign in (contract §9): HTTP Basic, a Bearer token (an API token from <c>create-token</c>, or an
/// OpenID Connect JWT when configured) and the browser's session cookie. Any one of them will do; operations that
/// anonymous requests may use as well say so with an empty requirement.
/// </summary>
internal sealed class SecuritySchemesTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public const string Basic = "basic";
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        AddSchemes(document);
        document.Security = Alternatives(document, anonymous: false);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
        {
            if (document.Paths?.GetValueOrDefault(EndpointCoverageTransformer.PathOf(endpoint.RoutePattern)) is not { Operations: { } operations })
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                if (operations.GetValueOrDefault(new HttpMethod(method)) is { } operation)
                {
                    operation.Security = Alternatives(document, anonymous: true);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>One requirement per scheme (any one is enough); for anonymous operations an empty one first.</summary>
    public static List<OpenApiSecurityRequirement> Alternatives(OpenApiDocument document, bool anonymous)
    {
        List<OpenApiSecurityRequirement> requirements = anonymous ? [new OpenApiSecurityRequirement()] : [];
        foreach (var name in new[] { Basic, Bearer, Cookie })
        {
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] });
        }

        return requirements;
    }

    public static void AddSchemes(OpenApiDocument document)
    {
        document.AddComponent<IOpenApiSecurityScheme>(Basic, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "User name and password (`Authorization: Basic`); for curl, generic clients and feed readers.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token from the `create-token` template of `bpm:tokens` (shown once), or an OpenID Connect JWT when `Security:Jwt` is configured.",
        });
        document.AddComponent<IOpenApiSecurityScheme>(Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = AuthSchemes.CookieName,
            Description = "The session cookie of the login page (`<form name=\"login\">`); unsafe requests with it carry the antiforgery token.",
        });
    }
}
