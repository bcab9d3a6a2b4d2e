using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Sql;

/// <summary>
/// One statement with its parameters created once and kept: Microsoft.Data.Sqlite keeps the compiled
/// sqlite3_stmt as long as the command text is unchanged, so reusing the object skips parsing and planning.
/// Parameters are addressed by position to avoid name lookups on the hot path.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedCommand(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter(parameterNames[i], DBNull.Value));
        }
    }

    public PreparedCommand Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    public object? Scalar() => _command.ExecuteScalar();

    public SqliteDataReader Reader() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();
}
