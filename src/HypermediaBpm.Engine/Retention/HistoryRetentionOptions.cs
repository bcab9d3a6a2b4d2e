namespace HypermediaBpm.Engine.Retention;

/// <summary>History retention settings (<c>History:*</c>, docs/operations.md).</summary>
public sealed class HistoryRetentionOptions
{
    /// <summary>The lease every node asks for; only its holder cleans.</summary>
    public const string LeaseName = "history-cleanup";

    /// <summary>Ended instances of versions without <c>camunda:historyTimeToLive</c> are kept this long; null (the default) keeps them.</summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>The most instances one transaction removes, so a command never waits long behind it.</summary>
    public int CleanupBatchSize { get; set; } = 500;

    /// <summary>How often a node looks for expired instances.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the cleanup lease lasts without renewal: a node that died mid-run is replaced after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
