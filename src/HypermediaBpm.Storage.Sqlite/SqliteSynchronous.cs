namespace HypermediaBpm.Storage.Sqlite;

/// <summary>How hard SQLite pushes a commit to disk (<c>PRAGMA synchronous</c>) in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The WAL is fsynced at every commit: a commit that returned survives a power cut or an OS crash.
    /// Group commit shares one fsync among every change set of a batch.
    /// </summary>
    Full,

    /// <summary>
    /// The WAL is fsynced only at checkpoints: a commit survives a crash of the process, but the last commits
    /// before a power cut or an OS crash may be lost (the database stays consistent either way).
    /// </summary>
    Normal,
}
