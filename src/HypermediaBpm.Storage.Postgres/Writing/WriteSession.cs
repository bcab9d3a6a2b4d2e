using System.Text.Json;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// A batch's connection and transaction as operations see them. Statements that need not go alone (a savepoint, its
/// release) are deferred and sent in front of the next statements, so a change set costs one round trip.
/// </summary>
internal sealed class WriteSession(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeProvider clock, string nodeId, CancellationToken cancellationToken)
{
    private const string SavepointSql = "SAVEPOINT change_set";
    private readonly List<string> _deferred = [];

    /// <summary>Names this node's counter stripe for the transaction (the triggers read it), sent with the first statements.</summary>
    public void BeginTransaction() =>
        _deferred.Add($"SELECT set_config('hypermediabpm.stripe', '{NodeId.Replace("'", "''", StringComparison.Ordinal)}', true)");
    private bool _savepointSent;

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public TimeProvider Clock { get; } = clock;

    public string NodeId { get; } = nodeId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public PendingHistory History { get; } = new();

    /// <summary>How many round trips this session made (docs/performance.md quotes it per command).</summary>
    public int RoundTrips { get; private set; }

    /// <summary>Starts an operation: its savepoint goes out with its first statement.</summary>
    public void BeginOperation()
    {
        _deferred.Add(SavepointSql);
        _savepointSent = false;
    }

    /// <summary>The operation succeeded: its savepoint is released with the next statements.</summary>
    public void EndOperation()
    {
        if (_savepointSent)
        {
            _deferred.Add("RELEASE change_set");
        }
        else
        {
            _deferred.Remove(SavepointSql);
        }

        History.Accept();
    }

    /// <summary>The operation failed: undoes what it sent, so the transaction goes on without it.</summary>
    public async Task UndoOperationAsync()
    {
        History.Discard();
        if (!_savepointSent)
        {
            _deferred.Remove(SavepointSql);
            return;
        }

        _savepointSent = false;
        RoundTrips++;
        await using var command = Commands.Create(Connection, Transaction, "ROLLBACK TO change_set; RELEASE change_set;");
        await command.ExecuteNonQueryAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs statements in one round trip (deferred ones first) and returns their rows affected, in order.</summary>
    public async Task<int[]> ExecuteAsync(params NpgsqlBatchCommand[] statements)
    {
        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var sql in _deferred)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        var offset = _deferred.Count;
        _savepointSent |= _deferred.Contains(SavepointSql);
        _deferred.Clear();
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        RoundTrips++;
        await batch.ExecuteNonQueryAsync(CancellationToken).ConfigureAwait(false);
        var affected = new int[statements.Length];
        for (var i = 0; i < statements.Length; i++)
        {
            affected[i] = batch.BatchCommands[offset + i].RecordsAffected;
        }

        return affected;
    }

    /// <summary>One statement's rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params NpgsqlParameter[] parameters) =>
        (await ExecuteAsync(Commands.Batch(sql, parameters)).ConfigureAwait(false))[0];

    /// <summary>Runs a query (deferred statements are sent first) and maps its rows.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, params NpgsqlParameter[] parameters)
    {
        if (_deferred.Count > 0)
        {
            await ExecuteAsync().ConfigureAwait(false);
        }

        RoundTrips++;
        await using var command = Commands.Create(Connection, Transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(CancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// Writes the batch's events and counters, the last step before COMMIT, in one round trip: the history sequence row
    /// is bumped by the number of events (which locks it until COMMIT, ordering sequences across nodes by commit), the
    /// events take the numbers below the new value, worklist feed rows are derived from task events, and the counters
    /// move. Instance counters are taken in key order, so two nodes' batches lock them in the same order.
    /// </summary>
    public async Task FlushAsync()
    {
        var statements = new List<NpgsqlBatchCommand>();
        foreach (var ((processKey, state), n) in History.Instances.OrderBy(p => p.Key.ProcessKey, StringComparer.Ordinal).ThenBy(p => p.Key.State, StringComparer.Ordinal))
        {
            statements.Add(Commands.Batch("""
                INSERT INTO instance_counts (process_key, state, stripe, n) VALUES ($1, $2, $3, $4)
                ON CONFLICT (process_key, state, stripe) DO UPDATE SET n = instance_counts.n + excluded.n;
                """, Param.Text(processKey), Param.Text(state), Param.Text(NodeId), Param.Long(n)));
        }

        var events = History.Events;
        if (events.Count - History.Removed != 0)
        {
            statements.Add(Commands.Batch("""
                INSERT INTO store_counters (name, n) VALUES ('history@' || $1, $2)
                ON CONFLICT (name) DO UPDATE SET n = store_counters.n + excluded.n;
                """, Param.Text(NodeId), Param.Long(events.Count - History.Removed)));
        }

        // Last: whoever holds the sequence row has taken every other lock of its transaction already, so it never waits
        // for another node while holding it, and two nodes' batches cannot deadlock over it.
        if (events.Count > 0)
        {
            statements.Add(HistoryStatements.Insert(events, NodeId));
            if (HistoryStatements.FeedParticipants(events) is { } participants)
            {
                statements.Add(participants);
            }
        }

        if (statements.Count > 0 || _deferred.Count > 0)
        {
            await ExecuteAsync([.. statements]).ConfigureAwait(false);
        }
    }

    /// <summary>Serialises a small JSON document for the event log.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
