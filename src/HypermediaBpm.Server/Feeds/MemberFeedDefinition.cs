namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// One member feed: which members it holds and where it lives. Instances (of <paramref name="ProcessKey"/>, or all)
/// when <paramref name="Participant"/> is null, else the tasks offered to that participant.
/// </summary>
/// <param name="Name">Stable name, part of the feed's Atom id (<c>members/instances</c>, <c>members/process/expense</c>).</param>
/// <param name="Title">What a person sees in a feed reader.</param>
/// <param name="Path">The feed's URI without its paging query.</param>
/// <param name="Query">Query parameters identifying the feed (e.g. <c>?group=managers</c>); kept on every page link.</param>
/// <param name="Alternate">The resource the feed is about (its HTML page is the feed's <c>alternate</c>).</param>
/// <param name="ProcessKey">Only instances of this process (every version).</param>
/// <param name="Participant">The tasks offered to this participant (<c>user:ann</c>, <c>group:managers</c>).</param>
public sealed record MemberFeedDefinition(
    string Name,
    string Title,
    string Path,
    (string Name, string? Value)[] Query,
    string Alternate,
    string? ProcessKey = null,
    string? Participant = null)
{
    public bool OfTasks => Participant is not null;
}
