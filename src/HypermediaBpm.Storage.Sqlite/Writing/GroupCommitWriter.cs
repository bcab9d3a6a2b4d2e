using System.Threading.Channels;
using HypermediaBpm.Engine.Telemetry;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// The store's only writer. Callers queue operations; one loop takes everything waiting (up to the batch
/// size), applies each in its own SAVEPOINT inside one BEGIN IMMEDIATE transaction, commits once, and only
/// then completes the callers. One fsync (synchronous=FULL) thus covers the whole batch, while a failing
/// operation rolls back to its savepoint and fails alone.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue;
    private readonly WriterSession _session;
    private readonly int _maxBatchSize;
    private readonly List<WriteOperation> _batch;
    private readonly List<WriteOperation> _applied;
    private readonly Task _loop;
    private readonly StoreMetrics? _metrics;

    public GroupCommitWriter(WriterSession session, int maxBatchSize, StoreMetrics? metrics = null)
    {
        _session = session;
        _metrics = metrics;
        _maxBatchSize = Math.Max(1, maxBatchSize);
        _batch = new List<WriteOperation>(_maxBatchSize);
        _applied = new List<WriteOperation>(_maxBatchSize);

        // Bounded so that a writer that cannot keep up slows callers down instead of growing memory.
        _queue = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(Math.Max(1024, _maxBatchSize * 16))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

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
            throw new ObjectDisposedException(nameof(SqliteEngineStore));
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

    private const string StoreName = "sqlite";

    /// <summary>Stops taking new work, lets the queued operations finish, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _session.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_batch.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (operation.TryTake())
                {
                    _batch.Add(operation);
                }
            }

            if (_batch.Count == 0)
            {
                continue;
            }

            var telemetry = CommitBatchTelemetry.Start(_metrics, StoreName, _batch.Select(o => o.Caller), _batch.Count);
            try
            {
                ExecuteBatch(telemetry);
            }
            catch (Exception error)
            {
                // A savepoint or rollback statement itself failed: nothing of this batch is committed.
                telemetry.Failed(error);
                TryRollback();
                FailAll(_batch, error);
            }
            finally
            {
                telemetry.End();
                _batch.Clear();
                _applied.Clear();
                _session.Counters.Clear();
            }
        }
    }

    private void ExecuteBatch(CommitBatchTelemetry telemetry)
    {
        var refused = new List<(WriteOperation Operation, Exception Error)>();
        try
        {
            ExecuteBatch(refused, telemetry);
        }
        finally
        {
            // Told only once the batch is over: a caller that lost a race (say, an idempotency key taken by an
            // earlier change set of this very batch) must be able to read the winner as soon as it hears.
            foreach (var (operation, error) in refused)
            {
                operation.Fail(error);
            }
        }
    }

    private void ExecuteBatch(List<(WriteOperation Operation, Exception Error)> refused, CommitBatchTelemetry telemetry)
    {
        var s = _session.Statements;
        try
        {
            s.Begin.Execute();
        }
        catch (Exception error)
        {
            telemetry.Failed(error);
            FailAll(_batch, error);
            return;
        }

        // A batch of one needs no savepoint: the transaction itself is the unit to roll back.
        var isolate = _batch.Count > 1;
        for (var i = 0; i < _batch.Count; i++)
        {
            var operation = _batch[i];
            if (isolate)
            {
                s.Savepoint.Execute();
            }

            try
            {
                operation.Apply(_session);
                if (isolate)
                {
                    s.Release.Execute();
                }

                _session.Counters.Accept();
                _applied.Add(operation);
            }
            catch (Exception error)
            {
                _session.Counters.Discard();
                refused.Add((operation, error));
                if (!_session.InTransaction)
                {
                    // SQLite abandoned the whole transaction (I/O error, disk full): the earlier operations are gone too.
                    var lost = new InvalidOperationException("The write transaction was rolled back by SQLite; nothing of this change was written.", error);
                    telemetry.Failed(error);
                    FailAll(_applied, lost);
                    FailAll(_batch.Skip(i + 1), lost);
                    return;
                }

                if (isolate)
                {
                    s.RollbackToSavepoint.Execute();
                    s.Release.Execute();
                }
            }
        }

        if (_applied.Count == 0)
        {
            s.Rollback.Execute();
            return;
        }

        try
        {
            _session.FlushCounters();
            s.Commit.Execute();
        }
        catch (Exception error)
        {
            telemetry.Failed(error);
            TryRollback();
            FailAll(_applied, error);
            return;
        }

        telemetry.Committed(_applied.Count);

        foreach (var operation in _applied)
        {
            operation.Complete();
        }
    }

    private void TryRollback()
    {
        try
        {
            if (_session.InTransaction)
            {
                _session.Statements.Rollback.Execute();
            }
        }
        catch (Exception)
        {
            // The connection is unusable for this transaction either way; the next BEGIN reports the real problem.
        }
    }

    private static void FailAll(IEnumerable<WriteOperation> operations, Exception error)
    {
        foreach (var operation in operations)
        {
            operation.Fail(error);
        }
    }
}
