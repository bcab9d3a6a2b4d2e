using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Scheduling;

/// <summary>What the <see cref="TimerScheduler"/> needs of the engine it drives (the engine implements it).</summary>
public interface ITimerEngine
{
    /// <summary>Raised after a commit that scheduled a timer, with its due time.</summary>
    event Action<DateTimeOffset>? TimerScheduled;

    IEngineStore Store { get; }

    /// <summary>Fires a due timer leased by <paramref name="owner"/>; the instance it reached or started, or null.</summary>
    Task<string?> FireTimerAsync(SubscriptionRecord claimed, string owner, CancellationToken cancellationToken);
}
