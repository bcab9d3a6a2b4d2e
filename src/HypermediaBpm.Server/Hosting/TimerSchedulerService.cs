using HypermediaBpm.Engine.Scheduling;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Runs the engine's <see cref="TimerScheduler"/> for the life of the server. Registered after
/// <see cref="SampleDeployer"/>, so the store is migrated before the first pass, which also fires every timer
/// that fell due while the server was down. <c>Timers:Enabled=false</c> leaves firing to other processes.
/// </summary>
public sealed class TimerSchedulerService(TimerScheduler scheduler, IConfiguration configuration, ILogger<TimerSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Timers:Enabled", true))
        {
            return;
        }

        logger.LogInformation("Timer scheduler {Owner} started", scheduler.Owner);
        await scheduler.RunAsync(stoppingToken);
    }
}
