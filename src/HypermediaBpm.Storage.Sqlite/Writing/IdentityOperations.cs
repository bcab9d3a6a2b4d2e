using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>Registers a user with a password hash and groups at once; false (nothing written) when the user exists.</summary>
internal sealed class AddUserOperation(ParticipantRecord user, string passwordHash, string stamp, IReadOnlyCollection<string> groups) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        var c = session.Connection;
        using var insert = c.CreateCommand();
        insert.CommandText = """
            INSERT OR IGNORE INTO participants (key, kind, id, name, created_at, password_hash, disabled, security_stamp)
            VALUES ($key, 'user', $id, $name, $at, $hash, 0, $stamp);
            """;
        insert.Parameters.AddWithValue("$key", user.Key);
        insert.Parameters.AddWithValue("$id", user.Id);
        insert.Parameters.AddWithValue("$name", SqliteRows.ToDb(user.Name));
        insert.Parameters.AddWithValue("$at", SqliteTime.ToTicks(user.CreatedAt));
        insert.Parameters.AddWithValue("$hash", passwordHash);
        insert.Parameters.AddWithValue("$stamp", stamp);
        if (insert.ExecuteNonQuery() != 1)
        {
            return false;
        }

        IdentityWrites.ReplaceGroups(c, user.Id, groups, user.CreatedAt);
        return true;
    }
}

/// <summary>Sets one sign-in column of a user with a new security stamp; false when there is no such user.</summary>
internal sealed class UpdateUserOperation(string userId, string column, object value, string stamp) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();

        // The column name is one of this assembly's constants, never input.
        update.CommandText = $"UPDATE participants SET {column} = $value, security_stamp = $stamp WHERE key = $key;";
        update.Parameters.AddWithValue("$value", value);
        update.Parameters.AddWithValue("$stamp", stamp);
        update.Parameters.AddWithValue("$key", ParticipantKinds.User + ":" + userId);
        return update.ExecuteNonQuery() == 1;
    }
}

/// <summary>Makes a set of groups the user's groups; false when there is no such user.</summary>
internal sealed class SetUserGroupsOperation(string userId, IReadOnlyCollection<string> groups, DateTimeOffset at) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        var c = session.Connection;
        using var exists = c.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM participants WHERE key = $key;";
        exists.Parameters.AddWithValue("$key", ParticipantKinds.User + ":" + userId);
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return false;
        }

        IdentityWrites.ReplaceGroups(c, userId, groups, at);
        return true;
    }
}

/// <summary>Stores a new API token.</summary>
internal sealed class AddApiTokenOperation(ApiTokenRecord token) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        using var insert = session.Connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO api_tokens (id, user_id, name, secret_hash, created_at, expires_at, last_used_at, revoked_at)
            VALUES ($id, $user, $name, $hash, $created, $expires, $used, $revoked);
            """;
        insert.Parameters.AddWithValue("$id", token.Id);
        insert.Parameters.AddWithValue("$user", token.UserId);
        insert.Parameters.AddWithValue("$name", token.Name);
        insert.Parameters.AddWithValue("$hash", token.SecretHash);
        insert.Parameters.AddWithValue("$created", SqliteTime.ToTicks(token.CreatedAt));
        insert.Parameters.AddWithValue("$expires", SqliteTime.ToTicks(token.ExpiresAt));
        insert.Parameters.AddWithValue("$used", SqliteTime.ToDb(token.LastUsedAt));
        insert.Parameters.AddWithValue("$revoked", SqliteTime.ToDb(token.RevokedAt));
        return insert.ExecuteNonQuery() == 1;
    }
}

/// <summary>Revokes one of a user's unrevoked tokens (false when there is none), or records a token's use.</summary>
internal sealed class UpdateApiTokenOperation(string sql, string tokenId, string? userId, DateTimeOffset at) : WriteOperation<bool>
{
    public const string RevokeSql = "UPDATE api_tokens SET revoked_at = $at WHERE id = $id AND user_id = $user AND revoked_at IS NULL;";
    public const string TouchSql = "UPDATE api_tokens SET last_used_at = $at WHERE id = $id;";

    protected override bool Execute(WriterSession session)
    {
        using var update = session.Connection.CreateCommand();
        update.CommandText = sql;
        update.Parameters.AddWithValue("$id", tokenId);
        update.Parameters.AddWithValue("$at", SqliteTime.ToTicks(at));
        if (userId is not null)
        {
            update.Parameters.AddWithValue("$user", userId);
        }

        return update.ExecuteNonQuery() == 1;
    }
}

/// <summary>Membership writes shared by the operations above.</summary>
internal static class IdentityWrites
{
    public static void ReplaceGroups(SqliteConnection c, string userId, IReadOnlyCollection<string> groups, DateTimeOffset at)
    {
        using var clear = c.CreateCommand();
        clear.CommandText = "DELETE FROM group_members WHERE user_id = $user;";
        clear.Parameters.AddWithValue("$user", userId);
        clear.ExecuteNonQuery();
        foreach (var group in groups.Distinct(StringComparer.Ordinal))
        {
            using var register = c.CreateCommand();
            register.CommandText = "INSERT OR IGNORE INTO participants (key, kind, id, name, created_at) VALUES ($key, 'group', $id, NULL, $at);";
            register.Parameters.AddWithValue("$key", ParticipantKinds.Group + ":" + group);
            register.Parameters.AddWithValue("$id", group);
            register.Parameters.AddWithValue("$at", SqliteTime.ToTicks(at));
            register.ExecuteNonQuery();
            using var member = c.CreateCommand();
            member.CommandText = "INSERT INTO group_members (user_id, group_id) VALUES ($user, $group);";
            member.Parameters.AddWithValue("$user", userId);
            member.Parameters.AddWithValue("$group", group);
            member.ExecuteNonQuery();
        }
    }
}
