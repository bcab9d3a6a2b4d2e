namespace HypermediaBpm.Storage.Sqlite;

/// <summary>Where and how <see cref="SqliteEngineStore"/> keeps its database file.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file. Its directory is created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>Durability of a commit; see <see cref="SqliteSynchronous"/>.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How many connections serve reads at once (further readers wait for one).</summary>
    public int ReadConnections { get; init; } = 4;

    /// <summary>The most change sets the writer puts into one transaction.</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>Clock for what the store stamps itself (migration times, definition ids); system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Where the writer reports batch sizes, commit latency and store errors; none when null.</summary>
    public Engine.Telemetry.StoreMetrics? Metrics { get; init; }
}
