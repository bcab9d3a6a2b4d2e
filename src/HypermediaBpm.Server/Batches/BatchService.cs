using HypermediaBpm.Engine.Batches;
using HypermediaBpm.Server.Hosting;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Batches;

/// <summary>
/// Works through running batches in the background, one chunk at a time, on every node (<c>Batches:Enabled</c>): the
/// store's lease keeps one batch with one node, and hands it over when that node stops or its lease runs out. Between
/// batches it sleeps until a batch is created here or <c>Batches:PollInterval</c> passes (for batches other nodes made).
/// </summary>
public sealed class BatchService(
    BatchRunner runner, BatchWakeUp wakeUp, NodeIdentity node, TimeProvider clock, IOptions<BatchSettings> settings, ILogger<BatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runner.RunChunkAsync(node.Id, stoppingToken))
                {
                    // One chunk at a time, each its own lease renewal, until no running batch is left for this node.
                }

                await wakeUp.WaitAsync(settings.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store or the engine failed (not an instance refusing: that is a counted failure). The chunk is
                // not recorded, so it runs again; its applied commands replay.
                logger.LogWarning(ex, "Working on a batch failed; trying again in {Interval}", settings.Value.PollInterval);
                await Task.Delay(settings.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
