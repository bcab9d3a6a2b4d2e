namespace HypermediaBpm.Engine.Commands;

/// <summary>
/// A worker asks for up to <see cref="MaxJobs"/> jobs of <see cref="Topic"/>, held for <see cref="LockDuration"/>.
/// With an <see cref="AsyncResponseTimeout"/> the request waits that long for a job to appear (long polling)
/// instead of answering an empty batch at once.
/// </summary>
public sealed record JobLockRequest(string Topic, string WorkerId, int MaxJobs, TimeSpan LockDuration, TimeSpan AsyncResponseTimeout = default);
