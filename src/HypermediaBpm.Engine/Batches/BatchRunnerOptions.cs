namespace HypermediaBpm.Engine.Batches;

/// <summary>How a node works through batches (configuration section <c>Batches</c>).</summary>
public sealed class BatchRunnerOptions
{
    /// <summary>Instances per chunk: the unit of progress stored, and of work redone after a crash.</summary>
    public int ChunkSize { get; set; } = 100;

    /// <summary>Instance commands in flight at once within a chunk (each its own command, so group commit batches them).</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How long a claimed batch stays with a node without progress before another node may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most instances one batch may select (sizes are bounded; a larger selection is refused).</summary>
    public int MaxInstances { get; set; } = 100_000;
}
