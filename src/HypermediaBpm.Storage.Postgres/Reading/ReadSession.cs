using System.Data.Common;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Reading;

/// <summary>
/// One pooled connection for the length of a read, optionally inside a read-only REPEATABLE READ transaction so that
/// a page and its total come from one snapshot while other nodes commit. Statements use <c>@name</c> parameters.
/// </summary>
internal sealed class ReadSession(NpgsqlConnection connection, CancellationToken cancellationToken)
{
    private NpgsqlTransaction? _transaction;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public NpgsqlCommand Command(string sql, IEnumerable<NpgsqlParameter>? parameters = null)
    {
        var command = new NpgsqlCommand(sql, connection, _transaction);
        if (parameters is not null)
        {
            command.Parameters.AddRange(parameters.ToArray());
        }

        return command;
    }

    /// <summary>The first row of a one-parameter query (<c>@p</c>), or null.</summary>
    public async Task<T?> SingleAsync<T>(string sql, object value, Func<DbDataReader, T> map)
        where T : class
    {
        await using var command = Command(sql, [Param.Of(value).Named("p")]);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(CancellationToken).ConfigureAwait(false) ? map(reader) : null;
    }

    /// <summary>Every row of a query.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> map, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(CancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A single integer result (COUNT, SUM); 0 when it yields NULL or no row.</summary>
    public async Task<long> ScalarAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync(CancellationToken).ConfigureAwait(false) switch
        {
            long n => n,
            int n => n,
            decimal n => (long)n,
            _ => 0,
        };
    }

    /// <summary>Runs <paramref name="read"/> inside one read-only snapshot.</summary>
    public async Task<T> InSnapshotAsync<T>(Func<ReadSession, Task<T>> read)
    {
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, CancellationToken).ConfigureAwait(false);
        _transaction = transaction;
        try
        {
            var result = await read(this).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _transaction = null;
        }
    }
}
