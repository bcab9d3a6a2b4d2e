namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Which history events a feed holds. Every set filter must match (AND); <see cref="Types"/> matches any of
/// its values. A store answers each combination the server uses with an index range, never a scan:
/// types, types + process key, instance, participant.
/// </summary>
/// <param name="Types">Event types (<c>HistoryTypes</c>); null or empty means every type.</param>
/// <param name="ProcessKey">Only events of instances of this process key.</param>
/// <param name="InstanceId">Only events of this instance.</param>
/// <param name="Participant">
/// Only task events offering or assigning the task to this participant: <see cref="User"/> or <see cref="Group"/>.
/// </param>
public sealed record FeedFilter(
    IReadOnlyList<string>? Types = null,
    string? ProcessKey = null,
    string? InstanceId = null,
    string? Participant = null)
{
    /// <summary>The participant key of a user (assignee or candidate user).</summary>
    public static string User(string name) => "user:" + name;

    /// <summary>The participant key of a candidate group.</summary>
    public static string Group(string name) => "group:" + name;
}
