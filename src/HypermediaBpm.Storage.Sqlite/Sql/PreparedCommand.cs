using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HypermediaBpm.Storage.Sqlite.Sql;

/// <summary>
/// One statement with its parameters created once and kept: Microsoft.Data.Sqlite keeps the compiled
/// sqlite3_stmt as long as the command text is unchanged, so reusing the object skips parsing and planning.
/// Parameters are addressed by position to avoid name lookups on the hot path.
/// </summary>
/// <remarks>
/// An INSERT, UPDATE, DELETE, SAVEPOINT or RELEASE run inside an open transaction (every change set the writer applies) is stepped on a
/// sqlite3_stmt of its own with its values bound straight to it: Microsoft.Data.Sqlite looks every parameter up by
/// name on every execution (turning the name into UTF-8 each time) and makes a binder object per parameter, which
/// was the largest share of the bytes allocated per started instance (issue 18). Values are kept unboxed until bound.
/// Outside a transaction, and for reads, the statement goes through Microsoft.Data.Sqlite as before (its busy retries
/// matter there; inside the writer's BEGIN IMMEDIATE the write lock is already held).
/// </remarks>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;
    private readonly Value[] _values;
    private bool _isWrite;
    private sqlite3_stmt? _statement;
    private int[]? _indexes;

    public PreparedCommand(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterNames.Length];
        _values = new Value[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter(parameterNames[i], DBNull.Value));
        }

        // The savepoint around each change set runs twice per command, so it takes the direct path too; BEGIN, COMMIT
        // and ROLLBACK stay with Microsoft.Data.Sqlite.
        var verb = sql.AsSpan().TrimStart();
        _isWrite = verb.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || verb.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || verb.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
            || verb.StartsWith("SAVEPOINT", StringComparison.OrdinalIgnoreCase)
            || verb.StartsWith("RELEASE", StringComparison.OrdinalIgnoreCase);
    }

    public PreparedCommand Set(int index, string? value)
    {
        _values[index] = value is null ? default : new Value(ValueKind.Text, 0, 0, value);
        return this;
    }

    public PreparedCommand Set(int index, long value)
    {
        _values[index] = new Value(ValueKind.Integer, value, 0, null);
        return this;
    }

    public PreparedCommand Set(int index, int value) => Set(index, (long)value);

    public PreparedCommand Set(int index, long? value) => value is { } v ? Set(index, v) : Set(index, (string?)null);

    public PreparedCommand Set(int index, object? value)
    {
        _values[index] = value switch
        {
            null or DBNull => default,
            string s => new Value(ValueKind.Text, 0, 0, s),
            long l => new Value(ValueKind.Integer, l, 0, null),
            int i => new Value(ValueKind.Integer, i, 0, null),
            bool b => new Value(ValueKind.Integer, b ? 1 : 0, 0, null),
            double d => new Value(ValueKind.Real, 0, d, null),
            _ => new Value(ValueKind.Other, 0, 0, value),
        };
        return this;
    }

    public int Execute()
    {
        if (_isWrite && raw.sqlite3_get_autocommit(_command.Connection!.Handle) == 0 && CanBindDirectly() && Prepare())
        {
            return StepDirectly();
        }

        CopyToParameters();
        return _command.ExecuteNonQuery();
    }

    public object? Scalar()
    {
        CopyToParameters();
        return _command.ExecuteScalar();
    }

    public SqliteDataReader Reader()
    {
        CopyToParameters();
        return _command.ExecuteReader();
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _command.Dispose();
    }

    private bool CanBindDirectly()
    {
        foreach (var value in _values)
        {
            if (value.Kind == ValueKind.Other)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compiles the statement once; false (and Microsoft.Data.Sqlite from then on) when the text holds more than one.</summary>
    private bool Prepare()
    {
        if (_statement is not null)
        {
            return true;
        }

        var db = _command.Connection!.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, _command.CommandText, out var statement, out var tail));
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            _isWrite = false;
            return false;
        }

        _indexes = new int[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            _indexes[i] = raw.sqlite3_bind_parameter_index(statement, _parameters[i].ParameterName);
        }

        _statement = statement;
        return true;
    }

    private int StepDirectly()
    {
        var db = _command.Connection!.Handle!;
        var stmt = _statement!;
        try
        {
            for (var i = 0; i < _values.Length; i++)
            {
                ref readonly var value = ref _values[i];
                var index = _indexes![i];
                if (index == 0)
                {
                    continue; // a parameter the text does not use, which Microsoft.Data.Sqlite skips as well
                }

                Check(db, value.Kind switch
                {
                    ValueKind.Integer => raw.sqlite3_bind_int64(stmt, index, value.Integer),
                    ValueKind.Real => raw.sqlite3_bind_double(stmt, index, value.Real),
                    ValueKind.Text => BindText(stmt, index, (string)value.Reference!),
                    _ => raw.sqlite3_bind_null(stmt, index),
                });
            }

            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                // An INSERT … RETURNING would yield rows; a non-query ignores them, as ExecuteNonQuery does.
            }

            Check(db, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
            return raw.sqlite3_changes(db);
        }
        finally
        {
            // Reset so the statement holds no read of the database between batches; bindings are overwritten next time.
            raw.sqlite3_reset(stmt);
        }
    }

    /// <summary>
    /// Text is bound as UTF-8, the database's encoding: bound as UTF-16, SQLite copied it and then translated it into a
    /// second buffer of its own for the record (<c>sqlite3VdbeMemTranslate</c>, a few per cent of the writer thread).
    /// The encoding goes through one buffer per thread (SQLite copies at bind time, so it is free again at once);
    /// text longer than the buffer goes through a rented array.
    /// </summary>
    private static int BindText(sqlite3_stmt stmt, int index, string text)
    {
        if (text.Length == 0)
        {
            // An empty span pins to a null pointer, which SQLite would bind as NULL; "" through the string overload stays "".
            return raw.sqlite3_bind_text(stmt, index, string.Empty);
        }

        if (Encoding.UTF8.GetMaxByteCount(text.Length) <= Utf8BufferSize)
        {
            var buffer = t_utf8 ??= new byte[Utf8BufferSize];
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(stmt, index, buffer.AsSpan(0, length));
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            return raw.sqlite3_bind_text(stmt, index, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const int Utf8BufferSize = 16 * 1024;

    [ThreadStatic]
    private static byte[]? t_utf8;

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }

    private void CopyToParameters()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            ref readonly var value = ref _values[i];
            _parameters[i].Value = value.Kind switch
            {
                ValueKind.Integer => value.Integer,
                ValueKind.Real => value.Real,
                ValueKind.Text or ValueKind.Other => value.Reference!,
                _ => DBNull.Value,
            };
        }
    }

    private enum ValueKind : byte
    {
        Null,
        Integer,
        Real,
        Text,
        Other,
    }

    private readonly record struct Value(ValueKind Kind, long Integer, double Real, object? Reference);
}
