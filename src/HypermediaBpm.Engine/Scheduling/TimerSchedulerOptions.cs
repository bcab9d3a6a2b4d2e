namespace HypermediaBpm.Engine.Scheduling;

public sealed class TimerSchedulerOptions
{
    /// <summary>How long a claimed timer stays leased: if its scheduler dies, another takes it over after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timers claimed per store round trip.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>How many instances of a claimed batch fire at once (their commits share transactions).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>The first wait when nothing is due; doubled while idle up to <see cref="MaxIdleDelay"/>.</summary>
    public TimeSpan MinIdleDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between polls, so timers written by another process are found in time.</summary>
    public TimeSpan MaxIdleDelay { get; init; } = TimeSpan.FromSeconds(2);
}
