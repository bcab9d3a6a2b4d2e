using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Scheduling;

/// <summary>
/// Fires due timers from the store. Each pass claims due timers with a lease (atomically in the store, so two
/// schedulers on one database never hold the same timer) and fires each through the engine's command path,
/// whose commit checks the lease again: a timer fires exactly once even when a lease ran out and another
/// scheduler took it over. Timers that fell due while no server ran are simply due on the first pass.
/// The server runs <see cref="RunAsync"/>; tests call <see cref="FireDueAsync"/> with a manual clock.
/// </summary>
public sealed class TimerScheduler
{
    private readonly ITimerEngine _engine;
    private readonly TimerSchedulerOptions _options;
    private readonly TimeProvider _clock;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimerScheduler(ITimerEngine engine, TimeProvider clock, TimerSchedulerOptions? options = null, string? owner = null)
    {
        _engine = engine;
        _clock = clock;
        _options = options ?? new TimerSchedulerOptions();
        Owner = owner ?? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        _engine.TimerScheduled += _ => Wake();
    }

    /// <summary>This scheduler's name in the leases it takes.</summary>
    public string Owner { get; }

    /// <summary>Claims and fires every timer due now, batch by batch. Returns how many reached or started an instance.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        while (true)
        {
            var now = _clock.GetUtcNow();
            var claimed = await _engine.Store.ClaimDueTimersAsync(Owner, now, now + _options.LeaseDuration, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            // The batch's instances are fired side by side, so the store can commit several firings in one
            // transaction (group commit); timers of one instance go one after another, as they would anyway.
            await Parallel.ForEachAsync(
                claimed.GroupBy(t => t.InstanceId ?? t.Id),
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                async (timers, ct) =>
                {
                    foreach (var timer in timers)
                    {
                        if (await _engine.FireTimerAsync(timer, Owner, ct).ConfigureAwait(false) is not null)
                        {
                            Interlocked.Increment(ref fired);
                        }
                    }
                }).ConfigureAwait(false);

            if (claimed.Count < _options.BatchSize)
            {
                return fired;
            }
        }
    }

    /// <summary>
    /// Fires due timers until cancelled. When idle it sleeps until the next due time, but at most an idle
    /// delay that doubles from <see cref="TimerSchedulerOptions.MinIdleDelay"/> to <see cref="TimerSchedulerOptions.MaxIdleDelay"/>
    /// (another process may add earlier timers); a timer scheduled in this process wakes it at once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var idle = _options.MinIdleDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var fired = await FireDueAsync(cancellationToken).ConfigureAwait(false);
                idle = fired > 0 ? _options.MinIdleDelay : Min(idle * 2, _options.MaxIdleDelay);
                wait = idle;
                if (await _engine.Store.GetNextTimerDueAsync(cancellationToken).ConfigureAwait(false) is { } next)
                {
                    var untilDue = next - _clock.GetUtcNow();
                    wait = untilDue <= TimeSpan.Zero ? _options.MinIdleDelay : Min(untilDue, wait);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unreachable or a firing broke: keep the loop alive and try again later.
                wait = _options.MaxIdleDelay;
            }

            var woken = Volatile.Read(ref _wake).Task;
            using (var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var delay = Task.Delay(wait, _clock, sleep.Token);
                await Task.WhenAny(delay, woken).ConfigureAwait(false);
                await sleep.CancelAsync().ConfigureAwait(false);
            }

            if (woken.IsCompleted)
            {
                Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
    }

    /// <summary>Ends the current wait early (a timer was scheduled by this process).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
