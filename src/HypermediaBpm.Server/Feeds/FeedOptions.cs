namespace HypermediaBpm.Server.Feeds;

/// <summary>The <c>Feeds</c> configuration section (see docs/feeds.md).</summary>
public sealed class FeedOptions
{
    /// <summary>
    /// History sequence numbers per archive bucket: archive <c>n</c> holds a feed's events with sequence in
    /// <c>[n·size + 1, (n + 1)·size]</c>. Changing it renumbers every archive, so choose once.
    /// </summary>
    public int ArchiveSize { get; set; } = 100;

    /// <summary>The subscription document holds at least this many of the newest entries (when there are that many).</summary>
    public int SubscriptionSize { get; set; } = 20;

    /// <summary>Entries per page of a member feed (a process's instances, all instances, a worklist) unless the reader asks <c>pageSize</c> (1–200).</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>The authority of entry and feed ids (<c>tag:{authority},2026:…</c>); set it to a domain you own.</summary>
    public string TagAuthority { get; set; } = "hypermediabpm.localhost";
}
