using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// One feed: which events it holds and where it lives. <paramref name="Path"/> is the subscription document;
/// <paramref name="Query"/> (e.g. <c>?user=ann</c>) is appended to it and to every archive URI.
/// </summary>
/// <param name="Name">Stable name, part of the feed's Atom id (<c>instances</c>, <c>process/expense</c>).</param>
/// <param name="Title">What a person sees in a feed reader.</param>
/// <param name="Filter">The events of the feed.</param>
/// <param name="Path">The subscription document's path.</param>
/// <param name="Query">Query parameters identifying the feed (null or empty values are left out).</param>
/// <param name="Alternate">The resource the feed is about (its HTML page is the feed's <c>alternate</c>).</param>
public sealed record FeedDefinition(
    string Name,
    string Title,
    FeedFilter Filter,
    string Path,
    (string Name, string? Value)[] Query,
    string Alternate);
