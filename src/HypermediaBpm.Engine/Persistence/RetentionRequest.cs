namespace HypermediaBpm.Engine.Persistence;

/// <summary>One batch of history retention.</summary>
/// <param name="Now">The cleanup's clock: an instance ended at <c>t</c> with time to live <c>ttl</c> goes when <c>t + ttl &lt;= Now</c>.</param>
/// <param name="DefaultTimeToLive">For versions without their own time to live; null keeps their instances.</param>
/// <param name="Limit">The most instances removed in this batch (its transaction stays short).</param>
public sealed record RetentionRequest(DateTimeOffset Now, TimeSpan? DefaultTimeToLive, int Limit);
