using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>The writer's connection, its compiled statements and the store's clock, as operations see them.</summary>
internal sealed class WriterSession(SqliteConnection connection, TimeProvider clock) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public WriterStatements Statements { get; } = new(connection);

    public TimeProvider Clock { get; } = clock;

    public BatchCounters Counters { get; } = new();

    /// <summary>Writes the batch's gathered counter increments; the last step before COMMIT.</summary>
    public void FlushCounters()
    {
        foreach (var ((processKey, state), n) in Counters.Instances)
        {
            Statements.AddInstanceCount.Set(0, processKey).Set(1, state).Set(2, n).Execute();
        }

        if (Counters.History != 0)
        {
            Statements.AddHistoryCount.Set(0, Counters.History).Execute();
        }
    }

    /// <summary>False when no transaction is open, including after SQLite rolled one back on its own (I/O error, disk full).</summary>
    public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0;

    public void Dispose()
    {
        Statements.Dispose();
        Connection.Dispose();
    }
}
