using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Tests.Support;

/// <summary>Looks at a test database from outside the nodes: what was really committed.</summary>
public sealed class Database(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public string ConnectionString { get; } = connectionString;

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<(string Key, long Count)>> GroupsAsync(string sql, params object[] parameters)
    {
        await using var command = _source.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>Waits until <paramref name="sql"/> counts <paramref name="expected"/>; the last count.</summary>
    public async Task<long> WaitForCountAsync(long expected, TimeSpan timeout, string sql, params object[] parameters)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var count = await CountAsync(sql, parameters);
            if (count >= expected || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(250);
        }
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
