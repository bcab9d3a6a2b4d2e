using System.Threading.Channels;
using HypermediaBpm.Engine.Telemetry;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// This node's writer. Callers queue operations; one loop takes everything waiting (up to the batch size), applies
/// each under its own savepoint inside one transaction, writes the batch's events and counters, commits once, and only
/// then completes the callers: one WAL flush covers the whole batch, while a failing operation rolls back to its
/// savepoint and fails alone. Other nodes write at the same time; row locks order them, and a deadlock between two
/// nodes' batches (PostgreSQL aborts one) retries the operation, or the whole batch when the commit itself lost.
/// Each batch is reported as SQLite's writer reports it (<see cref="CommitBatchTelemetry"/>): a span linked to the
/// commands it carries, its size and commit latency, and store errors.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>How often an operation or batch that lost a deadlock is tried again before its callers hear of it.</summary>
    private const int MaxAttempts = 5;

    private const string StoreName = "postgresql";

    private readonly Channel<WriteOperation> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly string _nodeId;
    private readonly int _maxBatchSize;
    private readonly Task _loop;
    private readonly StoreMetrics? _metrics;

    public GroupCommitWriter(NpgsqlDataSource dataSource, TimeProvider clock, string nodeId, int maxBatchSize, StoreMetrics? metrics = null)
    {
        _metrics = metrics;
        _dataSource = dataSource;
        _clock = clock;
        _nodeId = nodeId;
        _maxBatchSize = Math.Max(1, maxBatchSize);

        // Bounded so that a writer that cannot keep up slows callers down instead of growing memory.
        _queue = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(Math.Max(1024, _maxBatchSize * 16))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Round trips of the last batches, for the bench's per-command figure.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Operations committed so far.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    private long _roundTrips;
    private long _committed;

    public async Task<T> SubmitAsync<T>(WriteOperation<T> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        operation.Caller = CommitBatchTelemetry.Current;
        using var write = EngineTelemetry.StartStoreWrite(StoreName);
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(PostgresEngineStore));
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static (state, token) => ((WriteOperation)state!).Cancel(token), operation)
            : default;
        try
        {
            return await operation.Task.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            EngineTelemetry.Fail(write, error);
            throw;
        }
    }

    /// <summary>Stops taking new work and lets the queued operations finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteOperation>(_maxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (operation.TryTake())
                {
                    batch.Add(operation);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            var telemetry = CommitBatchTelemetry.Start(_metrics, StoreName, batch.Select(o => o.Caller), batch.Count);
            try
            {
                await ExecuteBatchAsync(batch, telemetry).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                telemetry.Failed(error);
                // The connection or the commit failed: nothing of this batch is committed (or it is unknown; see docs/storage.md).
                foreach (var operation in batch)
                {
                    operation.Fail(error);
                }
            }
            finally
            {
                telemetry.End();
                batch.Clear();
            }
        }
    }

    private async Task ExecuteBatchAsync(List<WriteOperation> batch, CommitBatchTelemetry telemetry)
    {
        for (var attempt = 1; ; attempt++)
        {
            var refused = new List<(WriteOperation Operation, Exception Error)>();
            var applied = new List<WriteOperation>(batch.Count);
            try
            {
                await using (var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false))
                await using (var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false))
                {
                    var session = new WriteSession(connection, transaction, _clock, _nodeId, CancellationToken.None);
                    session.BeginTransaction();
                    try
                    {
                        foreach (var operation in batch)
                        {
                            if (await ApplyAsync(session, operation).ConfigureAwait(false) is { } error)
                            {
                                refused.Add((operation, error));
                            }
                            else
                            {
                                applied.Add(operation);
                            }
                        }

                        if (applied.Count > 0)
                        {
                            await session.FlushAsync().ConfigureAwait(false);
                            await transaction.CommitAsync().ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        Interlocked.Add(ref _roundTrips, session.RoundTrips + 1);
                    }
                }
            }
            catch (PostgresException error) when (Transient.IsRetryable(error) && attempt < MaxAttempts)
            {
                continue; // another node's batch won a deadlock at commit time: everything is undone, so try it all again
            }

            Interlocked.Add(ref _committed, applied.Count);
            if (applied.Count > 0)
            {
                telemetry.Committed(applied.Count);
            }

            foreach (var operation in applied)
            {
                operation.Complete();
            }

            // Told only once the batch is over: a caller that lost a race (say, an idempotency key taken by an earlier
            // change set of this very batch) must be able to read the winner as soon as it hears.
            foreach (var (operation, error) in refused)
            {
                operation.Fail(error);
            }

            return;
        }
    }

    private static bool IsBroken(NpgsqlConnection connection) =>
        connection.State == System.Data.ConnectionState.Closed || connection.FullState.HasFlag(System.Data.ConnectionState.Broken);

    /// <summary>Applies one operation under its savepoint; the error that refused it, or null when it stays in the batch.</summary>
    private static async Task<Exception?> ApplyAsync(WriteSession session, WriteOperation operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            session.BeginOperation();
            try
            {
                await operation.ApplyAsync(session).ConfigureAwait(false);
                session.EndOperation();
                return null;
            }
            catch (Exception error) when ((error is not NpgsqlException || error is PostgresException) && !IsBroken(session.Connection))
            {
                // A broken connection (a plain NpgsqlException) fails the batch; anything else is this operation's own.
                // So does an error after which the connection is gone (the server shutting down answers 57P01 and hangs
                // up): undoing to the savepoint on it would throw "Connection is not open" and hide why the batch failed.
                await session.UndoOperationAsync().ConfigureAwait(false);
                if (error is PostgresException postgres && Transient.IsRetryable(postgres) && attempt < MaxAttempts)
                {
                    continue; // lost a deadlock with another node: its locks are gone with the savepoint, try again
                }

                return error;
            }
        }
    }
}
