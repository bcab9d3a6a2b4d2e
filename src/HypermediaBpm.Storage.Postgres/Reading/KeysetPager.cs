using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Reading;

/// <summary>
/// Keyset paging as <see cref="PageRequest"/> documents it: "key beyond X, LIMIT n+1", so a page costs one index seek
/// however deep it is; only a numbered page (<see cref="PageRequest.Skip"/>) reads an OFFSET. The extra row tells whether more rows exist in the
/// direction read; an EXISTS probe on the other side of the key tells the rest.
/// </summary>
internal static class KeysetPager
{
    /// <summary>
    /// Reads one page. <see cref="PageRequest.After"/> wins over <see cref="PageRequest.Before"/>, which wins over
    /// <see cref="PageRequest.FromEnd"/>; with none of them the first page is read.
    /// </summary>
    public static async Task<Page<T>> FetchAsync<T>(ReadSession session, KeysetQuery<T> query, PageRequest request, Func<ReadSession, Task<long>> total)
    {
        var size = Math.Clamp(request.Size, 1, PageRequest.MaxSize);
        var natural = query.Descending;
        var items = new List<T>(size + 1);
        bool hasPrevious, hasNext;

        if (request.After is { } after)
        {
            var key = ParseKey(query, after);
            await ReadAsync(session, query, natural ? "<" : ">", key, natural, size, items).ConfigureAwait(false);
            hasNext = Trim(items, size);
            hasPrevious = await ExistsAsync(session, query, natural ? ">=" : "<=", key).ConfigureAwait(false);
        }
        else if (request.Before is { } before)
        {
            var key = ParseKey(query, before);
            await ReadAsync(session, query, natural ? ">" : "<", key, !natural, size, items).ConfigureAwait(false);
            hasPrevious = Trim(items, size);
            items.Reverse();
            hasNext = await ExistsAsync(session, query, natural ? "<=" : ">=", key).ConfigureAwait(false);
        }
        else if (request.FromEnd)
        {
            await ReadAsync(session, query, null, null, !natural, size, items).ConfigureAwait(false);
            hasPrevious = Trim(items, size);
            items.Reverse();
            hasNext = false;
        }
        else
        {
            // A numbered page (?page=3) is the one place an OFFSET is read; the server bounds how deep it goes.
            var skip = Math.Max(0, request.Skip);
            await ReadAsync(session, query, null, null, natural, size, items, skip).ConfigureAwait(false);
            hasNext = Trim(items, size);
            hasPrevious = skip > 0;
        }

        return new Page<T>(items, hasPrevious, hasNext, await total(session).ConfigureAwait(false), query.KeyOf);
    }

    /// <summary>COUNT(*) of the filtered rows: only for filters narrow enough that their index is small.</summary>
    public static Task<long> CountAsync<T>(ReadSession session, KeysetQuery<T> query)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM ").Append(query.From);
        AppendWhere(sql, query, null);
        return session.ScalarAsync(sql.ToString(), Bind(query, null));
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

    private static async Task ReadAsync<T>(ReadSession session, KeysetQuery<T> query, string? op, object? key, bool descending, int size, List<T> items, int skip = 0)
    {
        var sql = new StringBuilder("SELECT ").Append(query.Columns).Append(" FROM ").Append(query.From);
        AppendWhere(sql, query, op);
        var direction = descending ? " DESC" : " ASC";
        sql.Append(" ORDER BY ");
        if (query.SortExpression is { } sort)
        {
            sql.Append(sort).Append(direction).Append(", ");
        }

        sql.Append(query.KeyColumn).Append(direction).Append(skip > 0 ? " LIMIT @limit OFFSET @skip" : " LIMIT @limit");
        var parameters = Bind(query, key).Append(Param.Int(size + 1).Named("limit")).ToList();
        if (skip > 0)
        {
            parameters.Add(Param.Int(skip).Named("skip"));
        }

        items.AddRange(await session.ListAsync(sql.ToString(), query.Map, [.. parameters]).ConfigureAwait(false));
    }

    private static async Task<bool> ExistsAsync<T>(ReadSession session, KeysetQuery<T> query, string op, object key)
    {
        var sql = new StringBuilder("SELECT CASE WHEN EXISTS (SELECT 1 FROM ").Append(query.From);
        AppendWhere(sql, query, op);
        sql.Append(") THEN 1::bigint ELSE 0::bigint END");
        return await session.ScalarAsync(sql.ToString(), Bind(query, key)).ConfigureAwait(false) != 0;
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
                ? $"{sort} {op[0]}= @sort AND ({sort}, {query.KeyColumn}) {op} (@sort, @key)"
                : $"{query.KeyColumn} {op} @key");
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }
    }

    private static NpgsqlParameter[] Bind<T>(KeysetQuery<T> query, object? key)
    {
        var parameters = query.Parameters().ToList();
        if (key is ValueTuple<object, object> pair)
        {
            parameters.Add(Param.Of(pair.Item1).Named("sort"));
            parameters.Add(Param.Of(pair.Item2).Named("key"));
        }
        else if (key is not null)
        {
            parameters.Add(Param.Of(key).Named("key"));
        }

        return [.. parameters];
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
