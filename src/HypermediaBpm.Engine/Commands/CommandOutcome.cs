namespace HypermediaBpm.Engine.Commands;

/// <summary>What a command did: the resource it created or changed, and whether this was a replay of an earlier identical request.</summary>
public sealed record CommandOutcome(string ResourceId, string InstanceId, bool Replayed = false);
