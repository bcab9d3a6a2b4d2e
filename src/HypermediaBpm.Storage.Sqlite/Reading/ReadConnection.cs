using HypermediaBpm.Storage.Sqlite.Sql;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Reading;

/// <summary>
/// One open read connection with its compiled statements cached by SQL text: a query shape (filters and
/// paging direction) is parsed once per connection, not once per call.
/// </summary>
internal sealed class ReadConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The cached command for <paramref name="sql"/>, with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>The first row of a one-parameter query, or null.</summary>
    public T? Single<T>(string sql, string parameter, object value, Func<SqliteDataReader, T> map)
        where T : class
    {
        var command = Command(sql);
        command.Parameters.AddWithValue(parameter, value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>Every row of a one-parameter query.</summary>
    public List<T> List<T>(string sql, string parameter, object value, Func<SqliteDataReader, T> map)
    {
        var command = Command(sql);
        command.Parameters.AddWithValue(parameter, value);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>A single integer result of a parameterless query (COUNT, SUM); 0 when it yields NULL or no row.</summary>
    public long Scalar(string sql)
    {
        return Command(sql).ExecuteScalar() is long n ? n : 0;
    }

    /// <summary>
    /// Runs <paramref name="read"/> inside one read transaction so a page and its total come from the same
    /// snapshot of the WAL even while the writer commits.
    /// </summary>
    public T InSnapshot<T>(Func<ReadConnection, T> read)
    {
        Command("BEGIN;").ExecuteNonQuery();
        try
        {
            return read(this);
        }
        finally
        {
            Command("COMMIT;").ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
