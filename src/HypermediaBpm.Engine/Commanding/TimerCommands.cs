using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>The timer area: a leased due timer fires through the command path, and new timers are announced to this process's scheduler.</summary>
internal sealed class TimerCommands(SubscriptionDelivery delivery, TimeProvider clock)
{
    /// <summary>
    /// Raised after a commit that scheduled a timer, with its due time, so a waiting scheduler in this process
    /// can wake early. Other processes find the timer by polling the store.
    /// </summary>
    public event Action<DateTimeOffset>? TimerScheduled;

    /// <summary>
    /// Fires a due timer that <paramref name="owner"/> has leased (<see cref="ITimerStore.ClaimDueTimersAsync"/>):
    /// the waiting token moves on, or a timer start event starts an instance, through the normal command path.
    /// The commit checks the lease, so if another scheduler took the timer over, nothing is written and the
    /// answer is null. A repeating start timer is moved to its next occurrence in the same commit.
    /// </summary>
    /// <returns>The instance the timer reached or started, or null when it reached nothing.</returns>
    public async Task<string?> FireAsync(SubscriptionRecord claimed, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var lease = new SubscriptionLease(claimed.Id, owner) { DueAt = claimed.DueAt };
        if (claimed.IsStart && claimed.DueAt is { } due)
        {
            // Occurrences missed while no server ran are fired once, not once each.
            var left = claimed.RepeatsLeft;
            var next = TimerSchedule.Next(claimed.Cycle, left, due);
            while (next is { } n && n <= clock.GetUtcNow() && left != 0)
            {
                left = left > 0 ? left - 1 : left;
                next = TimerSchedule.Next(claimed.Cycle, left, n);
            }

            lease = lease with { NextDueAt = next, RepeatsLeft = left > 0 ? left - 1 : left };
        }

        try
        {
            return await delivery.FireAsync(claimed, Execution.ProcessExecution.NoVariables, null, lease, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("lease"))
        {
            return null;
        }
    }

    public void Announce(List<SubscriptionRecord> opened)
    {
        DateTimeOffset? earliest = null;
        foreach (var subscription in opened)
        {
            if (subscription.DueAt is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }

        if (earliest is { } first)
        {
            TimerScheduled?.Invoke(first);
        }
    }
}
