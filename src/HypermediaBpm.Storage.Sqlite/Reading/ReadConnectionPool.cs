using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Reading;

/// <summary>
/// A few long-lived read connections. WAL lets them read while the writer commits; keeping them open keeps
/// their page caches and compiled statements warm and sets pragmas once per physical connection.
/// </summary>
internal sealed class ReadConnectionPool(Func<SqliteConnection> open, int size) : IDisposable
{
    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private readonly SemaphoreSlim _slots = new(Math.Max(1, size));
    private volatile bool _disposed;

    /// <summary>Runs a synchronous read on a pooled connection (Microsoft.Data.Sqlite does no real async I/O).</summary>
    public async Task<T> ReadAsync<T>(Func<ReadConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(SqliteEngineStore));
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        ReadConnection? connection = null;
        try
        {
            connection = _idle.TryTake(out var idle) ? idle : new ReadConnection(open());
            var result = read(connection);
            Return(connection);
            connection = null;
            return result;
        }
        finally
        {
            // A read that threw may have left the connection mid-statement; a new one is cheaper than doubt.
            connection?.Dispose();
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void Return(ReadConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed)
        {
            // Dispose ran between the check and the Add: close what it could not see.
            CloseIdle();
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
