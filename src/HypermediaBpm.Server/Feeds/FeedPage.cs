using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// What one feed document holds: its entries (newest first) and its RFC 5005 neighbours as archive numbers.
/// </summary>
/// <param name="Entries">The events, newest first.</param>
/// <param name="Archive">The archive number of an archive document; null for the subscription document.</param>
/// <param name="PrevArchive">The next older archive holding entries of this feed, if any.</param>
/// <param name="NextArchive">The next newer complete archive holding entries of this feed, if known yet.</param>
public sealed record FeedPage(IReadOnlyList<HistoryEvent> Entries, long? Archive, long? PrevArchive, long? NextArchive)
{
    /// <summary>
    /// True while history retention is on (a server default or a version's own time to live): entries of any archive
    /// may then still be removed, with the ended instance they belong to.
    /// </summary>
    public bool Prunable { get; init; }

    /// <summary>
    /// An archive whose successor is known can no longer gain entries (they are append-only): it is served as
    /// immutable, unless retention may still remove some (<see cref="Prunable"/>). The newest archive may still gain
    /// its <c>next-archive</c> link.
    /// </summary>
    public bool IsFinal => Archive is not null && NextArchive is not null && !Prunable;
}
