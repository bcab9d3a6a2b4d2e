using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Migrations;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Writing;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres;

/// <summary>
/// The <see cref="IEngineStore"/> for several server nodes on one PostgreSQL database. Reads take a pooled connection
/// each; every write of this node goes through one group-committing writer (see docs/storage.md and docs/scale-out.md).
/// Timers and jobs are claimed with <c>FOR UPDATE SKIP LOCKED</c> plus a lease, so nodes never wait for each other's
/// claims. A listening connection hears of jobs created on any node (<see cref="JobsAvailable"/>). Nothing about an
/// instance is cached: every read goes to the database. Call <see cref="InitializeAsync"/> before anything else.
/// </summary>
public sealed partial class PostgresEngineStore : IEngineStore, IAsyncDisposable
{
    private readonly PostgresStoreOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private GroupCommitWriter? _writer;
    private JobNotificationListener? _listener;
    private bool _disposed;

    /// <summary>Creates the store; nothing is connected until <see cref="InitializeAsync"/>.</summary>
    public PostgresEngineStore(PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        _options = options;
        _clock = options.Clock ?? TimeProvider.System;
        NodeId = string.IsNullOrWhiteSpace(options.NodeId) ? NewNodeId() : options.NodeId;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            // Every statement text of this store is fixed: prepared once per physical connection, planned once.
            builder.MaxAutoPrepare = 256;
        }

        if (!builder.ContainsKey("Timeout"))
        {
            // While the database is unreachable a request should fail fast with 503, not hang for the default 15 s.
            builder.Timeout = 5;
        }

        builder.ApplicationName ??= "hypermediabpm " + NodeId;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>This node's name: on the events it writes (<c>history.node_id</c>) and in <c>/health</c>.</summary>
    public string NodeId { get; }

    /// <summary>The schema version this build migrates to.</summary>
    public static int SchemaVersion => PostgresMigrations.All[^1].Version;

    /// <summary>Raised (on a pool thread) with a topic when a job of it was created or made lockable again on any node.</summary>
    public event Action<string>? JobsAvailable;

    /// <summary>Round trips the writer made so far (every statement group it sent, COMMIT included).</summary>
    public long WriterRoundTrips => _writer?.RoundTrips ?? 0;

    /// <summary>Operations the writer committed so far.</summary>
    public long WriterOperations => _writer?.Committed ?? 0;

    /// <inheritdoc />
    /// <remarks>Applies pending migrations under an advisory lock, starts the writer and the job listener. Idempotent.</remarks>
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

            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await PostgresMigrationRunner.RunAsync(connection, PostgresMigrations.All, _clock, cancellationToken).ConfigureAwait(false);
            }

            _writer = new GroupCommitWriter(_dataSource, _clock, NodeId, _options.MaxBatchSize, _options.Metrics);
            _listener = new JobNotificationListener(_dataSource, topic => JobsAvailable?.Invoke(topic), _stopping.Token);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>A fresh round trip on a pooled connection: throws while the server cannot be reached.</remarks>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1;");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lets queued writes finish, then closes every connection.</summary>
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

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static string NewNodeId() => $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    private GroupCommitWriter Writer => _writer ?? throw NotReady();

    private Exception NotReady() => _disposed
        ? new ObjectDisposedException(nameof(PostgresEngineStore))
        : new InvalidOperationException($"Call {nameof(InitializeAsync)} before using the store.");

    /// <summary>Runs a read on a pooled connection.</summary>
    private async Task<T> ReadAsync<T>(Func<ReadSession, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await read(new ReadSession(connection, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Runs a read inside one snapshot (a page and its total agree).</summary>
    private Task<T> SnapshotAsync<T>(Func<ReadSession, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(s => s.InSnapshotAsync(read), cancellationToken);
}
