using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>
/// Drops the component schemas nothing refers to any more: the API explorer describes the server's internal
/// resource model, which <see cref="RepresentationsTransformer"/> replaced with the documents clients read.
/// </summary>
internal sealed class UnusedSchemasTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }

        // Until nothing changes: a dropped schema may have been the only one referring to another.
        while (true)
        {
            var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
            var unused = schemas.Keys.Where(name => !json.Contains("\"#/components/schemas/" + name + "\"", StringComparison.Ordinal)).ToList();
            if (unused.Count == 0)
            {
                return;
            }

            foreach (var name in unused)
            {
                schemas.Remove(name);
            }
        }
    }
}
