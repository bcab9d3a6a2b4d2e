using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>Registers a user with a password hash and groups at once; false (nothing written) when the user exists.</summary>
internal sealed class AddUserOperation(ParticipantRecord user, string passwordHash, string stamp, IReadOnlyCollection<string> groups) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        var added = await session.ExecuteAsync("""
            INSERT INTO participants (key, kind, id, name, created_at, password_hash, disabled, security_stamp)
            VALUES ($1, 'user', $2, $3, $4, $5, false, $6) ON CONFLICT (key) DO NOTHING;
            """, Param.Text(user.Key), Param.Text(user.Id), Param.Text(user.Name), Param.Time(user.CreatedAt), Param.Text(passwordHash),
            Param.Text(stamp)).ConfigureAwait(false);
        if (added != 1)
        {
            return false;
        }

        await IdentityWrites.ReplaceGroupsAsync(session, user.Id, groups, user.CreatedAt).ConfigureAwait(false);
        return true;
    }
}

/// <summary>Sets a user's password hash or disabled flag with a new security stamp; false when there is no such user.</summary>
internal sealed class UpdateUserOperation(string userId, string column, NpgsqlParameter value, string stamp) : WriteOperation<bool>
{
    // The column name is one of this assembly's constants, never input.
    protected override async Task<bool> ExecuteAsync(WriteSession session) =>
        await session.ExecuteAsync($"UPDATE participants SET {column} = $1, security_stamp = $2 WHERE key = $3;",
            value.Clone(), Param.Text(stamp), Param.Text(ParticipantKinds.User + ":" + userId)).ConfigureAwait(false) == 1;
}

/// <summary>Makes a set of groups the user's groups; false when there is no such user.</summary>
internal sealed class SetUserGroupsOperation(string userId, IReadOnlyCollection<string> groups, DateTimeOffset at) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        // FOR UPDATE: a removal of the user on another node waits, so no membership outlives its user.
        var found = await session.QueryAsync("SELECT 1 FROM participants WHERE key = $1 FOR UPDATE;", r => r.GetInt32(0),
            Param.Text(ParticipantKinds.User + ":" + userId)).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return false;
        }

        await IdentityWrites.ReplaceGroupsAsync(session, userId, groups, at).ConfigureAwait(false);
        return true;
    }
}

/// <summary>Stores a new API token.</summary>
internal sealed class AddApiTokenOperation(ApiTokenRecord token) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session) =>
        await session.ExecuteAsync("""
            INSERT INTO api_tokens (id, user_id, name, secret_hash, created_at, expires_at, last_used_at, revoked_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8);
            """, Param.Text(token.Id), Param.Text(token.UserId), Param.Text(token.Name), Param.Text(token.SecretHash),
            Param.Time(token.CreatedAt), Param.Time(token.ExpiresAt), Param.Time(token.LastUsedAt), Param.Time(token.RevokedAt)).ConfigureAwait(false) == 1;
}

/// <summary>Revokes one of a user's unrevoked tokens (false when there is none), or records a token's use.</summary>
internal sealed class UpdateApiTokenOperation(string sql, string tokenId, string? userId, DateTimeOffset at) : WriteOperation<bool>
{
    public const string RevokeSql = "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND user_id = $3 AND revoked_at IS NULL;";
    public const string TouchSql = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1;";

    protected override async Task<bool> ExecuteAsync(WriteSession session) =>
        await (userId is null
            ? session.ExecuteAsync(sql, Param.Text(tokenId), Param.Time(at))
            : session.ExecuteAsync(sql, Param.Text(tokenId), Param.Time(at), Param.Text(userId))).ConfigureAwait(false) == 1;
}

/// <summary>Membership writes shared by the operations above: one round trip for the whole set.</summary>
internal static class IdentityWrites
{
    public static Task<int[]> ReplaceGroupsAsync(WriteSession session, string userId, IReadOnlyCollection<string> groups, DateTimeOffset at)
    {
        string?[] distinct = [.. groups.Distinct(StringComparer.Ordinal)];
        return session.ExecuteAsync(
            Commands.Batch("DELETE FROM group_members WHERE user_id = $1;", Param.Text(userId)),
            Commands.Batch("""
                INSERT INTO participants (key, kind, id, name, created_at)
                SELECT 'group:' || g, 'group', g, NULL, $2 FROM unnest($1::text[]) AS g ON CONFLICT (key) DO NOTHING;
                """, Param.TextArray(distinct), Param.Time(at)),
            Commands.Batch("INSERT INTO group_members (user_id, group_id) SELECT $1, g FROM unnest($2::text[]) AS g;",
                Param.Text(userId), Param.TextArray(distinct)));
    }
}
