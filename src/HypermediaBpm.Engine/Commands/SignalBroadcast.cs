namespace HypermediaBpm.Engine.Commands;

/// <summary>What broadcasting a signal did: the waiting instances it reached and the instances it started.</summary>
public sealed record SignalBroadcast(IReadOnlyList<string> Reached, IReadOnlyList<string> Started);
