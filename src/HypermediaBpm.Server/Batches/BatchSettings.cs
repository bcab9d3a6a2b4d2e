using HypermediaBpm.Engine.Batches;

namespace HypermediaBpm.Server.Batches;

/// <summary>The <c>Batches</c> configuration section.</summary>
public sealed class BatchSettings
{
    /// <summary>Whether this node works on batches (every node may; the lease keeps a batch with one). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle node looks for batches another node created. Default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int ChunkSize { get; set; } = 100;

    public int Parallelism { get; set; } = 4;

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    public int MaxInstances { get; set; } = 100_000;

    /// <summary>Out-of-range values are start-up errors, not surprises.</summary>
    public string? Problem() =>
        ChunkSize is < 1 or > 10_000 ? "Batches:ChunkSize must be between 1 and 10000."
        : Parallelism is < 1 or > 64 ? "Batches:Parallelism must be between 1 and 64."
        : Lease <= TimeSpan.Zero ? "Batches:Lease must be positive."
        : PollInterval <= TimeSpan.Zero ? "Batches:PollInterval must be positive."
        : MaxInstances < 1 ? "Batches:MaxInstances must be at least 1."
        : null;

    public BatchRunnerOptions ToRunnerOptions() => new() { ChunkSize = ChunkSize, Parallelism = Parallelism, Lease = Lease, MaxInstances = MaxInstances };
}
