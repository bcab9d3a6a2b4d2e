using HypermediaBpm.Engine.Retention;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Runs <see cref="HistoryCleanup"/> every <c>History:CleanupInterval</c> (first right after start, so a server that was
/// down catches up), logging what each run removed. Every node runs it; the store's lease lets one at a time clean.
/// <c>History:CleanupEnabled=false</c> leaves cleaning to other nodes.
/// </summary>
public sealed class HistoryCleanupService(HistoryCleanup cleanup, HistoryRetentionOptions options, TimeProvider clock, IConfiguration configuration,
    ILogger<HistoryCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("History:CleanupEnabled", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.CleanupInterval, clock);
        do
        {
            try
            {
                var removed = await cleanup.RunOnceAsync(stoppingToken);
                if (removed is null)
                {
                    logger.LogDebug("History cleanup skipped: another node holds its lease");
                }
                else if (removed.Rows > 0)
                {
                    logger.LogInformation(
                        "History cleanup removed {Instances} instances ({Rows} rows: {Tasks} tasks, {Events} history events, {Subscriptions} subscriptions, {Jobs} jobs)",
                        removed.Instances, removed.Rows, removed.Tasks, removed.HistoryEvents, removed.Subscriptions, removed.Jobs);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "History cleanup failed; trying again in {Interval}", options.CleanupInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
