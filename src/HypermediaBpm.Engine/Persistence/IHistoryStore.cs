namespace HypermediaBpm.Engine.Persistence;

/// <summary>The history of instances, read in pages and feed windows. Part of <see cref="IEngineStore"/>.</summary>
public interface IHistoryStore
{
    Task<Page<HistoryEvent>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// History events for a feed (see <see cref="FeedQuery"/>): a bounded window, read by index whatever the
    /// size of the history, so a feed page from a million events costs what one from a hundred does.
    /// </summary>
    Task<IReadOnlyList<HistoryEvent>> QueryFeedAsync(FeedQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The highest history sequence ever assigned (0 when none); it never goes down, not even after a delete.
    /// Every event with a smaller sequence is already visible: a feed window below it is complete.
    /// </summary>
    Task<long> GetLastHistorySequenceAsync(CancellationToken cancellationToken);
}
