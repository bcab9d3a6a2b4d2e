using Npgsql;
using NpgsqlTypes;

namespace HypermediaBpm.Storage.Postgres.Sql;

/// <summary>
/// Typed positional parameters (<c>$1</c>, <c>$2</c>, …). The type is always given, so a NULL needs no guessing by the
/// server and every statement text maps to one prepared statement.
/// </summary>
internal static class Param
{
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Long(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter Int(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter Bool(bool value) => new() { NpgsqlDbType = NpgsqlDbType.Boolean, Value = value };

    public static NpgsqlParameter Bytes(byte[] value) => new() { NpgsqlDbType = NpgsqlDbType.Bytea, Value = value };

    public static NpgsqlParameter Time(DateTimeOffset value) => Long(PostgresTime.ToTicks(value));

    public static NpgsqlParameter Time(DateTimeOffset? value) => Long(value is { } v ? PostgresTime.ToTicks(v) : null);

    public static NpgsqlParameter TextArray(IReadOnlyList<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values as string?[] ?? values.ToArray() };

    public static NpgsqlParameter LongArray(long[] values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = values };

    /// <summary>Gives the parameter a name, for statements that use <c>@name</c> placeholders.</summary>
    public static NpgsqlParameter Named(this NpgsqlParameter parameter, string name)
    {
        parameter.ParameterName = name;
        return parameter;
    }

    /// <summary>A parameter for a value whose CLR type says its SQL type (keyset keys, filters).</summary>
    public static NpgsqlParameter Of(object value) => value switch
    {
        string s => Text(s),
        long l => Long(l),
        int i => Int(i),
        bool b => Bool(b),
        string[] a => TextArray(a),
        _ => throw new ArgumentException($"No SQL type for {value.GetType().Name}.", nameof(value)),
    };
}
