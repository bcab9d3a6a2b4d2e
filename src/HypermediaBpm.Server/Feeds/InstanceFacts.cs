namespace HypermediaBpm.Server.Feeds;

/// <summary>What an instance's feed entry shows, wherever it comes from (a feed page's row, an instance resource).</summary>
/// <param name="ActiveSteps">The names (else ids) of the activities it is at now.</param>
/// <param name="StartedBy">Who started it; null when the server did (a timer, a message).</param>
public sealed record InstanceFacts(
    string Id,
    string ProcessKey,
    int ProcessVersion,
    string ProcessName,
    string? BusinessKey,
    string State,
    long Revision,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset UpdatedAt,
    string? StartedBy,
    IReadOnlyList<string> ActiveSteps);
