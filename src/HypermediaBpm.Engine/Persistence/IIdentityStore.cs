namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// What a store keeps about who may sign in: users' password hashes, whether they are disabled, a security
/// stamp that changes with every change to their sign-in (so sessions and cached credentials can tell), their
/// group memberships, and their API tokens (only a hash of each secret). Users and groups are participants
/// (<see cref="ParticipantRecord"/>); this adds their credentials beside them. The store hashes nothing itself:
/// it is given hashes.
/// </summary>
public interface IIdentityStore
{
    /// <summary>
    /// Registers a user participant with a password hash and groups, in one transaction; groups not yet
    /// registered become group participants. False (and nothing written) when the user exists.
    /// </summary>
    Task<bool> AddUserAsync(ParticipantRecord user, string passwordHash, string securityStamp, IReadOnlyCollection<string> groups, CancellationToken cancellationToken);

    /// <summary>The user's sign-in state and groups; null when there is no such user participant.</summary>
    Task<UserAccount?> GetUserAccountAsync(string userId, CancellationToken cancellationToken);

    /// <summary>How many users have a password (a store where none has needs its first administrator).</summary>
    Task<long> CountUsersWithPasswordAsync(CancellationToken cancellationToken);

    /// <summary>Sets a user's password hash and a new security stamp; false when there is no such user.</summary>
    Task<bool> SetPasswordHashAsync(string userId, string passwordHash, string securityStamp, CancellationToken cancellationToken);

    /// <summary>Disables or enables a user with a new security stamp; false when there is no such user.</summary>
    Task<bool> SetUserDisabledAsync(string userId, bool disabled, string securityStamp, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="groups"/> the user's groups (groups not yet registered become group participants,
    /// created at <paramref name="at"/>); false when there is no such user.
    /// </summary>
    Task<bool> SetUserGroupsAsync(string userId, IReadOnlyCollection<string> groups, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The users in a group, by id.</summary>
    Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Stores a new API token (its secret's hash, never the secret).</summary>
    Task AddApiTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not; null when none.</summary>
    Task<ApiTokenRecord?> FindApiTokenAsync(string secretHash, CancellationToken cancellationToken);

    /// <summary>A user's tokens that are not revoked, newest first.</summary>
    Task<IReadOnlyList<ApiTokenRecord>> GetApiTokensAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Revokes one of the user's tokens; false when the user has no such unrevoked token.</summary>
    Task<bool> RevokeApiTokenAsync(string userId, string tokenId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that a token was used at <paramref name="at"/>.</summary>
    Task TouchApiTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken);
}
