namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The bounds of a worker's lock request, taken from the engine's job options when the engine is made (the handlers
/// know no option type of the façade).
/// </summary>
internal sealed record JobLockLimits(
    int MaxJobsPerLock, TimeSpan MaxLockDuration, TimeSpan MaxAsyncResponseTimeout, TimeSpan MinPollInterval, TimeSpan MaxPollInterval);
