using System.Text.Json;

namespace HypermediaBpm.Storage;

/// <summary>
/// Who a task event names, for the worklist feeds: the assignee and candidate users as <c>user:NAME</c>, the candidate
/// groups as <c>group:NAME</c>, read from the event's data. Both stores index <c>task-created</c> and
/// <c>task-claimed</c> events by these participants as they append them.
/// </summary>
internal static class HistoryParticipants
{
    /// <summary>Whether events of this type are indexed by participant at all.</summary>
    public static bool IsIndexed(string type) => type is "task-created" or "task-claimed";

    /// <summary>The distinct participants an event's data names; none when the data is missing or not a JSON object.</summary>
    public static IEnumerable<string> Of(string? json) => json is null ? [] : Read(json).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            yield break; // data that is not JSON names nobody
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            if (document.RootElement.TryGetProperty("assignee", out var assignee) && Scalar(assignee) is { } user)
            {
                yield return "user:" + user;
            }

            foreach (var (property, prefix) in new[] { ("candidateUsers", "user:"), ("candidateGroups", "group:") })
            {
                if (document.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        if (Scalar(item) is { } value)
                        {
                            yield return prefix + value;
                        }
                    }
                }
            }
        }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };
}
