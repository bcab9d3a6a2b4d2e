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
    /// <param name="seekChanged">
    /// Read the rows superseded after the snapshot through the index on <c>superseded_at</c> (instances: they are few)
    /// rather than along the positions (worklists: a participant's range is the index).
    /// </param>
    public static MemberFeedPage<T> Read<T>(
        ReadConnection connection, MemberFeedQuery query, Func<string, string> branch, IEnumerable<KeyValuePair<string, object>> parameters,
        Func<SqliteDataReader, FeedMember<T>> map, bool seekChanged)
    {
        var size = Math.Clamp(query.Size, 1, PageRequest.MaxSize);
        var snapshot = query.Snapshot;
        if (snapshot is null && query.FromEnd)
        {
            // The last page of a walk that starts now: pinned to the feed's newest position, read in one snapshot.
            var newest = Fetch(connection, query with { FromEnd = false }, branch, parameters, map, 1, null, descending: true, seekChanged);
            snapshot = newest.Count == 0 ? 0 : newest[0].Position;
        }

        var descending = !(query.FromEnd || (query.Before is not null && query.After is null));
        var members = Fetch(connection, query, branch, parameters, map, size + 1, snapshot, descending, seekChanged);
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
        Func<SqliteDataReader, FeedMember<T>> map, int limit, long? snapshot, bool descending, bool seekChanged)
    {
        var order = descending ? "DESC" : "ASC";

        // One bound each way: SQLite seeks on one upper bound only, so "≤ snapshot AND < cursor" would walk from the snapshot down.
        long? upper = query.After is { } after ? Math.Min(snapshot ?? long.MaxValue, after - 1) : snapshot;
        var lower = query.After is null ? query.Before : null;
        string Branch(string state, string position)
        {
            var bounds = new[] { upper is null ? null : $"{position} <= $upper", lower is null ? null : $"{position} > $lower" };
            return "SELECT * FROM (" + branch(state) + Where(bounds) + $" ORDER BY pos {order} LIMIT $limit)";
        }

        var sql = new StringBuilder(Branch("IS NULL", "pos"));
        if (snapshot is not null)
        {
            // A unary plus keeps SQLite from walking the positions (all of them below the cursor) for the few changed rows.
            sql.Append(" UNION ALL ").Append(Branch("> $snapshot", seekChanged ? "+pos" : "pos"));
        }

        sql.Append($" ORDER BY pos {order} LIMIT $limit;");
        var command = connection.Command(sql.ToString());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.Parameters.AddWithValue("$limit", limit);
        AddIfSet(command, "$snapshot", snapshot);
        AddIfSet(command, "$upper", upper);
        AddIfSet(command, "$lower", lower);
        using var reader = command.ExecuteReader();
        var members = new List<FeedMember<T>>(limit);
        while (reader.Read())
        {
            members.Add(map(reader));
        }

        return members;
    }

    private static string Where(string?[] conditions)
    {
        var extra = conditions.Where(c => c is not null).ToList();
        return extra.Count == 0 ? string.Empty : " AND " + string.Join(" AND ", extra);
    }

    private static void AddIfSet(SqliteCommand command, string name, long? value)
    {
        if (value is { } v)
        {
            command.Parameters.AddWithValue(name, v);
        }
    }
}
