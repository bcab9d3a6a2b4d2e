using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>
/// Adds every mapped route the API explorer does not describe (endpoints mapped outside MVC, such as this
/// document and <c>/metrics</c>), so that the description lists every route the server answers.
/// </summary>
internal sealed class EndpointCoverageTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var path = PathOf(endpoint.RoutePattern);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            if (item is not OpenApiPathItem concrete)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var httpMethod = new HttpMethod(method);
                if (concrete.Operations?.ContainsKey(httpMethod) == true)
                {
                    continue;
                }

                concrete.AddOperation(httpMethod, new OpenApiOperation
                {
                    Summary = endpoint.DisplayName,
                    Responses = new OpenApiResponses { ["200"] = new OpenApiResponse { Description = "OK" } },
                    Parameters = [.. endpoint.RoutePattern.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
                    {
                        Name = p.Name,
                        In = ParameterLocation.Path,
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    })],
                });
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A route pattern as an OpenAPI path template: parameters by name, without constraints, defaults or catch-all markers.</summary>
    public static string PathOf(RoutePattern pattern)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            builder.Append('/');
            foreach (var part in segment.Parts)
            {
                builder.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    _ => string.Empty,
                });
            }
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }
}
