using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;

namespace HypermediaBpm.Server.Tcc;

/// <summary>
/// Does the jobs <c>transaction</c> subprocesses leave (topic <see cref="TransactionJobs.Topic"/>): confirms or cancels
/// their participants through the <see cref="TccCoordinator"/> — after the step that completed or withdrew the
/// transaction has committed, never inside it — and reports the outcome to the engine, which moves the transaction on
/// or records it. A lock lasts until the last participant expires (and a minute more), so no other worker takes a
/// job over while its confirms are still being retried. <c>Tcc:WorkerEnabled=false</c> leaves the jobs to another
/// server process.
/// </summary>
public sealed class TransactionWorker(ProcessEngine engine, TccCoordinator coordinator, TimeProvider clock, IConfiguration configuration, ILogger<TransactionWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan LockMargin = TimeSpan.FromMinutes(1);

    /// <summary>The longest a coordinator job is held (within the engine's limit on locks); links further out are rare.</summary>
    private static readonly TimeSpan LongestHold = TimeSpan.FromHours(12);

    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/tcc";

    /// <summary>Coordinations at once; each mostly waits on participants, so several run side by side.</summary>
    private readonly SemaphoreSlim _slots = new(configuration.GetValue("Tcc:WorkerParallelism", 16));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Tcc:WorkerEnabled", true))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One job per lock request, locked then for as long as its own participants can take.
                await _slots.WaitAsync(stoppingToken);
                IReadOnlyList<LockedJob> locked = [];
                try
                {
                    locked = await engine.LockJobsAsync(
                        new JobLockRequest(TransactionJobs.Topic, _workerId, 1, LockMargin, TimeSpan.FromSeconds(10)), stoppingToken);
                }
                finally
                {
                    if (locked.Count == 0)
                    {
                        _slots.Release();
                    }
                }

                foreach (var job in locked)
                {
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await CoordinateAsync(job, stoppingToken);
                        }
                        finally
                        {
                            _slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The transaction worker failed to lock jobs; trying again shortly.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task CoordinateAsync(LockedJob locked, CancellationToken stoppingToken)
    {
        var job = locked.Job;
        try
        {
            var work = ProcessEngine.WorkOf(job);
            var links = work.Participants.Select(p => new ParticipantLink(new Uri(p.Uri), p.Expires)).ToList();
            var lastExpiry = links.Count == 0 ? clock.GetUtcNow() : links.Max(l => l.Expires);
            var holdFor = Min(lastExpiry - clock.GetUtcNow() + LockMargin, LongestHold);
            if (holdFor > LockMargin)
            {
                await engine.ExtendJobLockAsync(job.Id, _workerId, holdFor, stoppingToken);
            }

            var outcome = work.Operation == TransactionJobs.Confirm
                ? await coordinator.ConfirmAsync(links, stoppingToken, job.InstanceId)
                : await coordinator.CancelAsync(links, stoppingToken, job.InstanceId);
            await engine.CompleteTransactionJobAsync(job.Id, _workerId, outcome, CommandContext.Anonymous, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lock runs out and a worker of this or another process does the job again (participants
            // answer a repeated confirm or cancel the same way).
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Try-confirm/cancel job {Job} of instance {Instance} failed.", job.Id, job.InstanceId);
            try
            {
                await engine.FailJobAsync(job.Id, _workerId, $"The coordinator failed: {ex.Message}", null, null, CommandContext.Anonymous, stoppingToken);
            }
            catch (Exception report) when (report is Engine.Errors.EngineException or OperationCanceledException)
            {
                logger.LogInformation("Try-confirm/cancel job {Job} could not be failed: {Reason}", job.Id, report.Message);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
