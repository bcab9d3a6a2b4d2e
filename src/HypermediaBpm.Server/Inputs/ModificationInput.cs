using System.Text.Json;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// The <c>modify</c> template's body: JSON <c>{"instructions": [{"type", "activityId" | "activityInstanceId"}],
/// "variables": {...}}</c> (Camunda's modification shape), or one instruction as form fields <c>type</c>,
/// <c>activityId</c>, <c>activityInstanceId</c> from the HTML form.
/// </summary>
public sealed record ModificationInput(IReadOnlyList<Modification> Instructions, IReadOnlyDictionary<string, object?> Variables)
{
    public const string Cancel = "cancel";
    public const string StartBefore = "startBeforeActivity";
    public const string StartAfter = "startAfterActivity";

    public static async Task<ModificationInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            return new ModificationInput([Instruction(form["type"].ToString(), Blank(form["activityId"]), Blank(form["activityInstanceId"]), 0)], new Dictionary<string, object?>());
        }

        if (!BodyMediaType.IsJson(request.ContentType))
        {
            throw new UnsupportedMediaTypeException(request.ContentType, [MediaTypes.Json, MediaTypes.FormUrlEncoded]);
        }

        using var doc = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("instructions", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new BadRequestException("BAD_REQUEST", "The body must be {\"instructions\": [{\"type\": \"cancel\" | \"startBeforeActivity\" | \"startAfterActivity\", ...}], \"variables\": {...}}.");
        }

        var instructions = list.EnumerateArray().Select((e, i) => Instruction(Text(e, "type"), Text(e, "activityId"), Text(e, "activityInstanceId"), i)).ToList();
        var variables = root.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().ToDictionary(p => p.Name, p => VariableJson.FromElement(p.Value), StringComparer.Ordinal)
            : new Dictionary<string, object?>();
        return new ModificationInput(instructions, variables);
    }

    private static Modification Instruction(string? type, string? activityId, string? activityInstanceId, int index) => type switch
    {
        Cancel => new CancelActivityInstance(activityInstanceId ?? throw Missing(index, "activityInstanceId")),
        StartBefore => new StartBeforeActivity(activityId ?? throw Missing(index, "activityId")),
        StartAfter => new StartAfterActivity(activityId ?? throw Missing(index, "activityId")),
        _ => throw new ValidationException("MODIFICATION_INVALID", $"Instruction {index + 1}: 'type' must be {Cancel}, {StartBefore} or {StartAfter}, not '{type}'.",
            [new ValidationError("FIELD_INVALID", $"'type' must be {Cancel}, {StartBefore} or {StartAfter}.", "type")]),
    };

    private static ValidationException Missing(int index, string field) =>
        new("MODIFICATION_INVALID", $"Instruction {index + 1} needs '{field}'.", [new ValidationError("FIELD_REQUIRED", $"'{field}' is required for this instruction.", field)]);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Blank(value.GetString()) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
