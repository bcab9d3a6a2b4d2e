using HypermediaBpm.Engine;
using HypermediaBpm.Server.Tcc;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Marks reservations past their expiry <c>expired</c> in the store, every <c>Tcc:SweepInterval</c>, so lists and
/// other processes on the same database see them as they are. Nothing waits for it: every read and every confirm
/// already treats a reservation past its expiry as expired, from the stored expiry and the server's clock.
/// </summary>
public sealed class ReservationSweepService(ProcessEngine engine, TimeProvider clock, IOptions<TccOptions> options, ILogger<ReservationSweepService> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                while (await engine.ExpireReservationsAsync(BatchSize, stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more to mark.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Marking expired reservations failed; trying again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
