using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;
using HypermediaBpm.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string AccountSql = "SELECT id, name, password_hash, disabled, security_stamp FROM participants WHERE key = $key;";
    private const string GroupsOfUserSql = "SELECT group_id FROM group_members WHERE user_id = $id ORDER BY group_id;";
    private const string MembersSql = "SELECT user_id FROM group_members WHERE group_id = $id ORDER BY user_id;";
    private const string UsersWithPasswordSql = "SELECT COUNT(*) FROM participants WHERE kind = 'user' AND password_hash IS NOT NULL;";
    private const string TokenColumns = "id, user_id, name, secret_hash, created_at, expires_at, last_used_at, revoked_at";
    private const string TokenByHashSql = $"SELECT {TokenColumns} FROM api_tokens WHERE secret_hash = $hash;";
    private const string TokensOfUserSql = $"SELECT {TokenColumns} FROM api_tokens WHERE user_id = $user AND revoked_at IS NULL ORDER BY created_at DESC, id;";

    /// <inheritdoc />
    public Task<bool> AddUserAsync(ParticipantRecord user, string passwordHash, string securityStamp, IReadOnlyCollection<string> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(groups);
        return Writer.SubmitAsync(new AddUserOperation(user, passwordHash, securityStamp, groups.ToList()), cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserAccount?> GetUserAccountAsync(string userId, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.InSnapshot(s =>
        {
            var account = s.Single(AccountSql, "$key", ParticipantKinds.User + ":" + userId, Account);
            return account is null ? null : account with { Groups = s.List(GroupsOfUserSql, "$id", userId, r => r.GetString(0)) };
        }), cancellationToken);

    /// <inheritdoc />
    public Task<long> CountUsersWithPasswordAsync(CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Scalar(UsersWithPasswordSql), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetPasswordHashAsync(string userId, string passwordHash, string securityStamp, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateUserOperation(userId, "password_hash", passwordHash, securityStamp), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetUserDisabledAsync(string userId, bool disabled, string securityStamp, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateUserOperation(userId, "disabled", disabled ? 1 : 0, securityStamp), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetUserGroupsAsync(string userId, IReadOnlyCollection<string> groups, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Writer.SubmitAsync(new SetUserGroupsOperation(userId, groups.ToList(), at), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken) =>
        await Reads.ReadAsync(c => c.List(MembersSql, "$id", groupId, r => r.GetString(0)), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task AddApiTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Writer.SubmitAsync(new AddApiTokenOperation(token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiTokenRecord?> FindApiTokenAsync(string secretHash, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(TokenByHashSql, "$hash", secretHash, Token), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiTokenRecord>> GetApiTokensAsync(string userId, CancellationToken cancellationToken) =>
        await Reads.ReadAsync(c => c.List(TokensOfUserSql, "$user", userId, Token), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> RevokeApiTokenAsync(string userId, string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateApiTokenOperation(UpdateApiTokenOperation.RevokeSql, tokenId, userId, at), cancellationToken);

    /// <inheritdoc />
    public Task TouchApiTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateApiTokenOperation(UpdateApiTokenOperation.TouchSql, tokenId, null, at), cancellationToken);

    private static UserAccount Account(SqliteDataReader r) =>
        new(r.GetString(0), r.NullableString(1), r.NullableString(2), r.GetInt64(3) != 0, r.NullableString(4) ?? string.Empty, []);

    private static ApiTokenRecord Token(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), SqliteTime.Read(r, 4), SqliteTime.Read(r, 5),
            SqliteTime.ReadNullable(r, 6), SqliteTime.ReadNullable(r, 7));
}
