using System.Text;
using HypermediaBpm.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Reading;

/// <summary>
/// Reads one page of a member feed (see <c>Migration0018_MemberFeeds</c>). A member's place in a walk pinned to
/// snapshot <c>S</c> is its one row with <c>seq ≤ S</c> that was not yet superseded at <c>S</c>: either a current row
/// (<c>superseded_at IS NULL</c>) or one superseded after <c>S</c>. Each kind is one ordered index range, limited, and
/// the two are merged; the second holds only members changed since the walk began. A walk that starts here has no
/// snapshot yet: it reads current rows only, and its newest position becomes the snapshot.
/// </summary>
internal static class MemberFeedSql
{
    /// <param name="branch">
    /// The page query's select, for rows whose <c>superseded_at</c> satisfies the given SQL (<c>IS NULL</c>, <c>&gt; $snapshot</c>),
    /// ending in its WHERE clause, with the position selected as <c>pos</c>.
    /// </param>
    public static MemberFeedPage<T> Read<T>(
        ReadConnection connection, MemberFeedQuery query, Func<string, string> branch, IEnumerable<KeyValuePair<string, object>> parameters,
        Func<SqliteDataReader, FeedMember<T>> map)
    {
        var size = Math.Clamp(query.Size, 1, PageRequest.MaxSize);
        var snapshot = query.Snapshot;
        if (snapshot is null && query.FromEnd)
        {
            // The last page of a walk that starts now: pinned to the feed's newest position, read in one snapshot.
            var newest = Fetch(connection, query with { FromEnd = false }, branch, parameters, map, 1, null, descending: true);
            snapshot = newest.Count == 0 ? 0 : newest[0].Position;
        }

        var descending = !(query.FromEnd || (query.Before is not null && query.After is null));
        var members = Fetch(connection, query, branch, parameters, map, size + 1, snapshot, descending);
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

    private static List<FeedMember<T>> Fetch<T>(
        ReadConnection connection, MemberFeedQuery query, Func<string, string> branch, IEnumerable<KeyValuePair<string, object>> parameters,
        Func<SqliteDataReader, FeedMember<T>> map, int limit, long? snapshot, bool descending)
    {
        var order = descending ? "DESC" : "ASC";
        var cursor = query.After is not null ? "pos < $cursor" : query.Before is not null ? "pos > $cursor" : null;
        var bound = snapshot is null ? null : "pos <= $snapshot";
        string Branch(string state) =>
            "SELECT * FROM (" + branch(state) + Where(bound, cursor) + $" ORDER BY pos {order} LIMIT $limit)";

        var sql = new StringBuilder(Branch("IS NULL"));
        if (snapshot is not null)
        {
            sql.Append(" UNION ALL ").Append(Branch("> $snapshot"));
        }

        sql.Append($" ORDER BY pos {order} LIMIT $limit;");
        var command = connection.Command(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.Parameters.AddWithValue("$limit", limit);
        if (snapshot is { } s)
        {
            command.Parameters.AddWithValue("$snapshot", s);
        }

        if ((query.After ?? query.Before) is { } position)
        {
            command.Parameters.AddWithValue("$cursor", position);
        }

        using var reader = command.ExecuteReader();
        var members = new List<FeedMember<T>>(limit);
        while (reader.Read())
        {
            members.Add(map(reader));
        }

        return members;
    }

    private static string Where(string? bound, string? cursor)
    {
        var extra = new[] { bound, cursor }.Where(c => c is not null).ToList();
        return extra.Count == 0 ? string.Empty : " AND " + string.Join(" AND ", extra);
    }
}
