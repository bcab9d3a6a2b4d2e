using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commands;

/// <summary>What sending a message did: the instances it reached or started, or the message kept for later.</summary>
public sealed record MessageCorrelation(IReadOnlyList<string> Reached, IReadOnlyList<string> Started, BufferedMessageRecord? Buffered);
