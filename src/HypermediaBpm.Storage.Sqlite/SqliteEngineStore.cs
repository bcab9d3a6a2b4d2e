using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Migrations;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;
using HypermediaBpm.Storage.Sqlite.Writing;

namespace HypermediaBpm.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="IEngineStore"/>: one SQLite file in WAL mode. Reads run on a small pool of
/// connections; every write goes through one group-committing writer connection (see docs/storage.md).
/// Several store objects, in one process or several, may open the same file: SQLite's locks order their
/// writers (BEGIN IMMEDIATE, busy timeout 5 s). Call <see cref="InitializeAsync"/> before anything else.
/// </summary>
public sealed partial class SqliteEngineStore : IEngineStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly SqliteConnections _connections;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private ReadConnectionPool? _reads;
    private GroupCommitWriter? _writer;
    private bool _disposed;

    /// <summary>Creates the store; no file is touched until <see cref="InitializeAsync"/>.</summary>
    public SqliteEngineStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        _options = options;
        _clock = options.Clock ?? TimeProvider.System;
        DatabasePath = Path.GetFullPath(options.Path);
        _connections = new SqliteConnections(DatabasePath, options.Synchronous);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version this build migrates to.</summary>
    public static int SchemaVersion => SchemaMigrations.All[^1].Version;

    /// <summary>Every schema version this build applies (numbers may have gaps).</summary>
    public static IReadOnlyList<int> SchemaVersions { get; } = SchemaMigrations.All.Select(m => m.Version).ToList();

    /// <summary>How many migrations this build applies (versions need not be contiguous).</summary>
    public static int MigrationCount => SchemaMigrations.All.Count;

    /// <inheritdoc />
    /// <remarks>Creates the directory and file when missing, applies pending migrations, starts the writer. Idempotent.</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = _connections.OpenWriter();
            try
            {
                MigrationRunner.Run(connection, SchemaMigrations.All, _clock);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _reads = new ReadConnectionPool(_connections.OpenReader, _options.ReadConnections);
            _writer = new GroupCommitWriter(new WriterSession(connection, _clock), _options.MaxBatchSize, _options.Metrics);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Opens a fresh connection that may not create the file, so a missing file or directory throws.</remarks>
    public Task PingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _connections.OpenProbe();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1;";
        command.ExecuteScalar();
        return Task.CompletedTask;
    }

    /// <summary>Lets queued writes finish, then closes every connection (and so every file handle).</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }
        finally
        {
            _lifecycle.Release();
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        _reads?.Dispose();
    }

    private ReadConnectionPool Reads => _reads ?? throw NotReady();

    private GroupCommitWriter Writer => _writer ?? throw NotReady();

    private Exception NotReady() => _disposed
        ? new ObjectDisposedException(nameof(SqliteEngineStore))
        : new InvalidOperationException($"Call {nameof(InitializeAsync)} before using the store.");
}
