namespace HypermediaBpm.Storage.Postgres;

/// <summary>Where and how <see cref="PostgresEngineStore"/> keeps its data.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>This server node's name, written on the events it records; a new one per process when null.</summary>
    public string? NodeId { get; init; }

    /// <summary>The most operations the writer puts into one transaction.</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>Clock for what the store stamps itself (migration times, definition ids); system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Where the writer reports commit batches (size, latency) and store errors; nothing is reported when null.</summary>
    public Engine.Telemetry.StoreMetrics? Metrics { get; init; }
}
