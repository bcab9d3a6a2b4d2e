using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>The document's title and the note that links and templates, not this description, are the contract.</summary>
internal sealed class ServiceInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "HypermediaBpm";
        document.Info.Version = typeof(ServiceInfoTransformer).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        document.Info.Description =
            "A hypermedia-driven BPMN 2.0 process server. Clients start at `/` and follow link relations and templates "
            + "(HAL, HAL-FORMS, HTML forms, Link headers); URIs are the recommended layout, not the contract. This description "
            + "lists every route for code generators and API gateways; the link relations are documented at `/rels`.";
        return Task.CompletedTask;
    }
}
