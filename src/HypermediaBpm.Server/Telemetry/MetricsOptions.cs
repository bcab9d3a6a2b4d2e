namespace HypermediaBpm.Server.Telemetry;

/// <summary>Settings of the Prometheus scrape endpoint (configuration section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// A secret a scraper sends as <c>Authorization: Bearer</c> to read <c>/metrics</c> without a user account
    /// (<c>Metrics:ScrapeToken</c>); unset (the default), only administrators may read it.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
