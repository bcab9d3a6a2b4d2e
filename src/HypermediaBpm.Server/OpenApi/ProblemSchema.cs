using System.Reflection;
using System.Text.Json.Nodes;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;
using Microsoft.OpenApi;

namespace HypermediaBpm.Server.OpenApi;

/// <summary>The RFC 9457 problem document as one shared schema, with the server's stable codes listed once.</summary>
internal static class ProblemSchema
{
    public const string Name = "Problem";

    /// <summary>Every code <see cref="ProblemCodes"/> defines; the engine adds its own (<c>INSTANCE_NOT_FOUND</c>, <c>TASK_NOT_OPEN</c>, …).</summary>
    public static IReadOnlyList<string> ServerCodes { get; } =
    [
        .. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    public static OpenApiSchema Create() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `code` is stable and UPPER_SNAKE: the server's own codes are "
            + string.Join(", ", ServerCodes.Select(c => "`" + c + "`"))
            + "; engine rules add theirs (for example `INSTANCE_NOT_FOUND`, `TASK_NOT_OPEN`, `BPMN_INVALID`).",
        Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Z][A-Z0-9_]*$", Examples = [.. ServerCodes.Take(3).Select(c => (JsonNode)JsonValue.Create(c))] },
            ["context"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Details of this problem, e.g. `line`, `column`, `element` for BPMN errors." },
        },
    };

    /// <summary>A problem answer (<c>application/problem+json</c>, and the HTML error page for browsers).</summary>
    public static OpenApiResponse Response(OpenApiDocument? document, string description)
    {
        document?.AddComponent<IOpenApiSchema>(Name, Create());
        return new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.OrdinalIgnoreCase)
            {
                [MediaTypes.Problem] = new() { Schema = new OpenApiSchemaReference(Name, document) },
                [MediaTypes.Html] = new(),
            },
        };
    }
}
