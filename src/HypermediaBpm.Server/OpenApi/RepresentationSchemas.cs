using HypermediaBpm.Server.Representations;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>
/// The documents a client reads, as schemas: a HAL resource (state, <c>_links</c>, <c>_embedded</c>,
/// <c>_templates</c>), the <c>{"data": …}</c> envelope, and text for the markup and text representations.
/// </summary>
internal static class RepresentationSchemas
{
    public const string Hal = "HalResource";
    public const string Envelope = "JsonEnvelope";
    public const string TemplateValues = "TemplateValues";

    public static IOpenApiSchema For(string mediaType, OpenApiDocument? document) => mediaType switch
    {
        MediaTypes.Hal or MediaTypes.HalForms => Shared(document, Hal, () => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The resource's state as properties, with `_links` (keyed by relation; `bpm:` relations are documented at `/rels/{rel}`), "
                + "`_embedded` and `_templates` (HAL-FORMS: one per transition allowed now).",
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["_links"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                ["_embedded"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                ["_templates"] = new OpenApiSchema { Type = JsonSchemaType.Object },
            },
        }),
        MediaTypes.Json => Shared(document, Envelope, () => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "`{\"data\": {...}}`; collections `{\"data\": {\"items\": [...], \"total\", \"page\", \"pageSize\", \"totalPages\"}}`; links as `\"links\": {rel: href}`.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "data" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object },
            },
        }),
        MediaTypes.TccJson => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A try-confirm/cancel participant link (reservations only): `{\"participantLink\": {\"uri\", \"expires\"}}`.",
        },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };

    /// <summary>What a template submits: its properties by name, as JSON or as an HTML form.</summary>
    public static OpenApiRequestBody TemplateInput(OpenApiDocument? document)
    {
        var values = Shared(document, TemplateValues, () => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The properties of the template (HAL-FORMS `_templates`, HTML `<form>`) that offers this transition; the resource names them.",
        });
        return new OpenApiRequestBody
        {
            Description = "The template's properties. Some transitions take none; `deploy` also takes `multipart/form-data` with the BPMN file, try-confirm/cancel `application/tcc` and `application/tcc+json`.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.OrdinalIgnoreCase)
            {
                [MediaTypes.Json] = new() { Schema = values },
                [MediaTypes.FormUrlEncoded] = new() { Schema = values },
                [MediaTypes.MultipartFormData] = new() { Schema = values },
            },
        };
    }

    /// <summary>A component the document holds once, referenced from every operation (inline when there is no document).</summary>
    private static IOpenApiSchema Shared(OpenApiDocument? document, string name, Func<OpenApiSchema> create)
    {
        if (document is null)
        {
            return create();
        }

        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent<IOpenApiSchema>(name, create());
        }

        return new OpenApiSchemaReference(name, document);
    }
}
