using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commands;

/// <summary>A job just locked for a worker, with the variables its task sees (what the worker works with).</summary>
public sealed record LockedJob(JobRecord Job, IReadOnlyDictionary<string, object?> Variables);
