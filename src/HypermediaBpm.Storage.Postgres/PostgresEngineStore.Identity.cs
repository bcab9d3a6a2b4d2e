using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;
using HypermediaBpm.Storage.Postgres.Writing;

namespace HypermediaBpm.Storage.Postgres;

public sealed partial class PostgresEngineStore
{
    private const string AccountSql = "SELECT id, name, password_hash, disabled, security_stamp FROM participants WHERE key = @p;";
    private const string GroupsOfUserSql = "SELECT group_id FROM group_members WHERE user_id = @p ORDER BY group_id;";
    private const string MembersSql = "SELECT user_id FROM group_members WHERE group_id = @p ORDER BY user_id;";
    private const string UsersWithPasswordSql = "SELECT COUNT(*) FROM participants WHERE kind = 'user' AND password_hash IS NOT NULL;";
    private const string TokenColumns = "id, user_id, name, secret_hash, created_at, expires_at, last_used_at, revoked_at";
    private const string TokenByHashSql = $"SELECT {TokenColumns} FROM api_tokens WHERE secret_hash = @p;";
    private const string TokensOfUserSql = $"SELECT {TokenColumns} FROM api_tokens WHERE user_id = @p AND revoked_at IS NULL ORDER BY created_at DESC, id;";

    /// <inheritdoc />
    public Task<bool> AddUserAsync(ParticipantRecord user, string passwordHash, string securityStamp, IReadOnlyCollection<string> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(groups);
        return Writer.SubmitAsync(new AddUserOperation(user, passwordHash, securityStamp, groups.ToList()), cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserAccount?> GetUserAccountAsync(string userId, CancellationToken cancellationToken) =>
        SnapshotAsync(async s =>
        {
            var account = await s.SingleAsync(AccountSql, ParticipantKinds.User + ":" + userId, Account).ConfigureAwait(false);
            return account is null
                ? null
                : account with { Groups = await s.ListAsync(GroupsOfUserSql, r => r.GetString(0), Param.Text(userId).Named("p")).ConfigureAwait(false) };
        }, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountUsersWithPasswordAsync(CancellationToken cancellationToken) =>
        ReadAsync(s => s.ScalarAsync(UsersWithPasswordSql), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetPasswordHashAsync(string userId, string passwordHash, string securityStamp, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateUserOperation(userId, "password_hash", Param.Text(passwordHash), securityStamp), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetUserDisabledAsync(string userId, bool disabled, string securityStamp, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateUserOperation(userId, "disabled", Param.Bool(disabled), securityStamp), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetUserGroupsAsync(string userId, IReadOnlyCollection<string> groups, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Writer.SubmitAsync(new SetUserGroupsOperation(userId, groups.ToList(), at), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.ListAsync(MembersSql, r => r.GetString(0), Param.Text(groupId).Named("p")), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task AddApiTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Writer.SubmitAsync(new AddApiTokenOperation(token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiTokenRecord?> FindApiTokenAsync(string secretHash, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(TokenByHashSql, secretHash, Token), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiTokenRecord>> GetApiTokensAsync(string userId, CancellationToken cancellationToken) =>
        await ReadAsync(s => s.ListAsync(TokensOfUserSql, Token, Param.Text(userId).Named("p")), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> RevokeApiTokenAsync(string userId, string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateApiTokenOperation(UpdateApiTokenOperation.RevokeSql, tokenId, userId, at), cancellationToken);

    /// <inheritdoc />
    public Task TouchApiTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new UpdateApiTokenOperation(UpdateApiTokenOperation.TouchSql, tokenId, null, at), cancellationToken);

    private static UserAccount Account(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.NullableString(1), r.NullableString(2), r.GetBoolean(3), r.NullableString(4) ?? string.Empty, []);

    private static ApiTokenRecord Token(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), PostgresTime.Read(r, 4), PostgresTime.Read(r, 5),
            PostgresTime.ReadNullable(r, 6), PostgresTime.ReadNullable(r, 7));
}
