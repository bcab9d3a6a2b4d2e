using System.Data.Common;
using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Reading;

/// <summary>
/// Reads one page of a member feed (see <c>Migration0003_MemberFeeds</c>), as SQLite's MemberFeedSql does. A member's
/// place in a walk pinned to snapshot <c>S</c> is its one row with <c>seq ≤ S</c> not yet superseded at <c>S</c>:
/// a current row (<c>superseded_at IS NULL</c>) or one superseded after <c>S</c>. Each kind is one ordered, limited
/// range; the two are merged. A walk that starts here has no snapshot yet: it reads current rows only, and its newest
/// position becomes the snapshot. Positions follow commit order, so every position up to S is committed when S is seen.
/// </summary>
internal static class MemberFeedReader
{
    /// <param name="branch">The page's select for rows whose <c>superseded_at</c> satisfies the given SQL, ending in its WHERE clause, the position selected as <c>pos</c>.</param>
    public static async Task<MemberFeedPage<T>> ReadAsync<T>(
        ReadSession session, MemberFeedQuery query, Func<string, string> branch, IReadOnlyList<(string Name, object Value)> parameters, Func<DbDataReader, FeedMember<T>> map)
    {
        var size = Math.Clamp(query.Size, 1, PageRequest.MaxSize);
        var snapshot = query.Snapshot;
        if (snapshot is null && query.FromEnd)
        {
            // The last page of a walk that starts now: pinned to the feed's newest position, read in the same snapshot.
            var newest = await FetchAsync(session, query with { FromEnd = false }, branch, parameters, map, 1, null, descending: true).ConfigureAwait(false);
            snapshot = newest.Count == 0 ? 0 : newest[0].Position;
        }

        var descending = !(query.FromEnd || (query.Before is not null && query.After is null));
        var members = await FetchAsync(session, query, branch, parameters, map, size + 1, snapshot, descending).ConfigureAwait(false);
        var more = members.Count > size;
        if (more)
        {
            members.RemoveRange(size, members.Count - size);
        }

        if (!descending)
        {
            members.Reverse();
        }

        var pinned = snapshot ?? (members.Count > 0 ? members[0].Position : 0);
        return query switch
        {
            { After: not null } => new MemberFeedPage<T>(members, pinned, true, more),
            { Before: not null } => new MemberFeedPage<T>(members, pinned, more, true),
            { FromEnd: true } => new MemberFeedPage<T>(members, pinned, more, false),
            _ => new MemberFeedPage<T>(members, pinned, false, more),
        };
    }

    private static Task<List<FeedMember<T>>> FetchAsync<T>(
        ReadSession session, MemberFeedQuery query, Func<string, string> branch, IReadOnlyList<(string Name, object Value)> parameters,
        Func<DbDataReader, FeedMember<T>> map, int limit, long? snapshot, bool descending)
    {
        var order = descending ? "DESC" : "ASC";
        long? upper = query.After is { } after ? Math.Min(snapshot ?? long.MaxValue, after - 1) : snapshot;
        var lower = query.After is null ? query.Before : null;
        string Branch(string state)
        {
            var bounds = string.Concat(upper is null ? string.Empty : " AND pos <= @upper", lower is null ? string.Empty : " AND pos > @lower");
            return "(SELECT * FROM (" + branch(state) + ") AS b WHERE true" + bounds + $" ORDER BY pos {order} LIMIT @limit)";
        }

        var sql = new StringBuilder("SELECT * FROM (").Append(Branch("IS NULL"));
        if (snapshot is not null)
        {
            sql.Append(" UNION ALL ").Append(Branch("> @snapshot"));
        }

        sql.Append($") AS u ORDER BY pos {order} LIMIT @limit");
        var all = parameters.Select(p => Param.Of(p.Value).Named(p.Name)).ToList();
        all.Add(Param.Int(limit).Named("limit"));
        AddIfSet(all, "snapshot", snapshot);
        AddIfSet(all, "upper", upper);
        AddIfSet(all, "lower", lower);
        return session.ListAsync(sql.ToString(), map, [.. all]);
    }

    private static void AddIfSet(List<NpgsqlParameter> parameters, string name, long? value)
    {
        if (value is { } v)
        {
            parameters.Add(Param.Long(v).Named(name));
        }
    }
}
