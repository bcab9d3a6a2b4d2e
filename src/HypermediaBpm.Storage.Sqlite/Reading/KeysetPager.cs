using System.Text;
using HypermediaBpm.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Reading;

/// <summary>
/// Keyset paging as <see cref="PageRequest"/> documents it: never OFFSET, always "key beyond X, LIMIT n+1",
/// so a page costs one index seek however deep it is. The extra row tells whether more rows exist in the
/// direction read; an EXISTS probe on the other side of the key tells the rest.
/// </summary>
internal static class KeysetPager
{
    /// <summary>
    /// Reads one page. <see cref="PageRequest.After"/> wins over <see cref="PageRequest.Before"/>, which wins over
    /// <see cref="PageRequest.FromEnd"/>; with none of them the first page is read.
    /// </summary>
    public static Page<T> Fetch<T>(ReadConnection connection, KeysetQuery<T> query, PageRequest request, Func<ReadConnection, long> total)
    {
        var size = Math.Clamp(request.Size, 1, PageRequest.MaxSize);
        var natural = query.Descending;
        var items = new List<T>(size + 1);
        bool hasPrevious, hasNext;

        if (request.After is { } after)
        {
            var key = ParseKey(query, after);
            Read(connection, query, natural ? "<" : ">", key, natural, size, items);
            hasNext = Trim(items, size);
            hasPrevious = Exists(connection, query, natural ? ">=" : "<=", key);
        }
        else if (request.Before is { } before)
        {
            var key = ParseKey(query, before);
            Read(connection, query, natural ? ">" : "<", key, !natural, size, items);
            hasPrevious = Trim(items, size);
            items.Reverse();
            hasNext = Exists(connection, query, natural ? "<=" : ">=", key);
        }
        else if (request.FromEnd)
        {
            Read(connection, query, null, null, !natural, size, items);
            hasPrevious = Trim(items, size);
            items.Reverse();
            hasNext = false;
        }
        else
        {
            // A numbered page (?page=3) is the one place an OFFSET is read; the server bounds how deep it goes.
            var skip = Math.Max(0, request.Skip);
            Read(connection, query, null, null, natural, size, items, skip);
            hasNext = Trim(items, size);
            hasPrevious = skip > 0;
        }

        return new Page<T>(items, hasPrevious, hasNext, total(connection), query.KeyOf);
    }

    /// <summary>COUNT(*) of the filtered rows: only for filters narrow enough that their index is small.</summary>
    public static long Count<T>(ReadConnection connection, KeysetQuery<T> query)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM ").Append(query.From);
        AppendWhere(sql, query, null);
        sql.Append(';');
        return (long)Bind(connection.Command(sql.ToString()), query, null).ExecuteScalar()!;
    }

    /// <summary>A client's page key: the key column's value, or with a sort the pair (sort value, key).</summary>
    private static object ParseKey<T>(KeysetQuery<T> query, string text)
    {
        if (query.SortExpression is null)
        {
            return query.ParseKey(text);
        }

        var (sort, id) = ListSort.Split(text);
        return (query.ParseSort(sort), query.ParseKey(id));
    }

    private static void Read<T>(ReadConnection connection, KeysetQuery<T> query, string? op, object? key, bool descending, int size, List<T> items, int skip = 0)
    {
        var sql = new StringBuilder("SELECT ").Append(query.Columns).Append(" FROM ").Append(query.From);
        AppendWhere(sql, query, op);
        var direction = descending ? " DESC" : " ASC";
        sql.Append(" ORDER BY ");
        if (query.SortExpression is { } sort)
        {
            sql.Append(sort).Append(direction).Append(", ");
        }

        sql.Append(query.KeyColumn).Append(direction).Append(skip > 0 ? " LIMIT $limit OFFSET $skip;" : " LIMIT $limit;");

        var command = Bind(connection.Command(sql.ToString()), query, key);
        command.Parameters.AddWithValue("$limit", size + 1);
        if (skip > 0)
        {
            command.Parameters.AddWithValue("$skip", skip);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(query.Map(reader));
        }
    }

    private static bool Exists<T>(ReadConnection connection, KeysetQuery<T> query, string op, object key)
    {
        var sql = new StringBuilder("SELECT EXISTS (SELECT 1 FROM ").Append(query.From);
        AppendWhere(sql, query, op);
        sql.Append(");");
        return Bind(connection.Command(sql.ToString()), query, key).ExecuteScalar() is long and not 0;
    }

    private static void AppendWhere<T>(StringBuilder sql, KeysetQuery<T> query, string? op)
    {
        var conditions = query.Conditions.ToList();
        if (op is not null)
        {
            // Row values compare lexicographically, which is exactly the (sort, id) order the index holds. The bound on
            // the sort expression alone repeats part of it, so that SQLite seeks an index on an expression (it does
            // not seek on a row value whose first part is an expression).
            conditions.Add(query.SortExpression is { } sort
                ? $"{sort} {op[0]}= $sort AND ({sort}, {query.KeyColumn}) {op} ($sort, $key)"
                : $"{query.KeyColumn} {op} $key");
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }
    }

    private static SqliteCommand Bind<T>(SqliteCommand command, KeysetQuery<T> query, object? key)
    {
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        if (key is ValueTuple<object, object> pair)
        {
            command.Parameters.AddWithValue("$sort", pair.Item1);
            command.Parameters.AddWithValue("$key", pair.Item2);
        }
        else if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }

        return command;
    }

    /// <summary>Drops the look-ahead row; true when there was one.</summary>
    private static bool Trim<T>(List<T> items, int size)
    {
        if (items.Count <= size)
        {
            return false;
        }

        items.RemoveRange(size, items.Count - size);
        return true;
    }
}
