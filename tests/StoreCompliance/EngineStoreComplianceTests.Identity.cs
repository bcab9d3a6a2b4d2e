using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    private static readonly DateTimeOffset Signed = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddUserAsync_KeepsHashStampAndGroups_AndRegistersTheGroups()
    {
        // Act
        var added = await Store.AddUserAsync(new ParticipantRecord(ParticipantKinds.User, "ann", "Ann", Signed), "hash-1", "stamp-1", ["managers", "admins"], Ct);
        var again = await Store.AddUserAsync(new ParticipantRecord(ParticipantKinds.User, "ann", "Other", Signed), "hash-2", "stamp-2", [], Ct);

        // Assert
        Assert.True(added);
        Assert.False(again);
        var second = await OpenSecondStoreAsync();
        var account = await second.GetUserAccountAsync("ann", Ct);
        Assert.NotNull(account);
        Assert.Equal(("ann", "Ann", "hash-1", false, "stamp-1"), (account.Id, account.Name, account.PasswordHash, account.Disabled, account.SecurityStamp));
        Assert.Equal(["admins", "managers"], account.Groups);
        Assert.NotNull(await second.GetParticipantAsync(ParticipantKinds.Group, "managers", Ct));
        Assert.Equal(["ann"], await second.GetGroupMembersAsync("managers", Ct));
        Assert.Equal(1, await second.CountUsersWithPasswordAsync(Ct));
    }

    [Fact]
    public async Task GetUserAccountAsync_UserWithoutPasswordOrGroup_HasNullHashAndIsNotCounted()
    {
        // Arrange
        await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.User, "bob", null, Signed), Ct);
        await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.Group, "carl", null, Signed), Ct);

        // Act
        var bob = await Store.GetUserAccountAsync("bob", Ct);
        var group = await Store.GetUserAccountAsync("carl", Ct);

        // Assert
        Assert.NotNull(bob);
        Assert.Null(bob.PasswordHash);
        Assert.Empty(bob.Groups);
        Assert.Null(group);
        Assert.Equal(0, await Store.CountUsersWithPasswordAsync(Ct));
    }

    [Fact]
    public async Task SetPasswordDisabledAndGroups_ChangeTheAccount_AndUnknownUsersAreFalse()
    {
        // Arrange
        await Store.AddUserAsync(new ParticipantRecord(ParticipantKinds.User, "ann", null, Signed), "hash-1", "stamp-1", ["sales"], Ct);

        // Act
        var password = await Store.SetPasswordHashAsync("ann", "hash-2", "stamp-2", Ct);
        var disabled = await Store.SetUserDisabledAsync("ann", true, "stamp-3", Ct);
        var groups = await Store.SetUserGroupsAsync("ann", ["workers", "managers"], Signed, Ct);
        var nobody = (await Store.SetPasswordHashAsync("nobody", "h", "s", Ct), await Store.SetUserDisabledAsync("nobody", true, "s", Ct),
            await Store.SetUserGroupsAsync("nobody", ["x"], Signed, Ct));

        // Assert
        Assert.True(password && disabled && groups);
        Assert.Equal((false, false, false), nobody);
        var account = (await Store.GetUserAccountAsync("ann", Ct))!;
        Assert.Equal(("hash-2", true, "stamp-3"), (account.PasswordHash, account.Disabled, account.SecurityStamp));
        Assert.Equal(["managers", "workers"], account.Groups);
        Assert.Empty(await Store.GetGroupMembersAsync("sales", Ct));
        Assert.Null(await Store.GetUserAccountAsync("nobody", Ct));
        Assert.True(await Store.SetUserDisabledAsync("ann", false, "stamp-4", Ct));
        Assert.False((await Store.GetUserAccountAsync("ann", Ct))!.Disabled);
    }

    [Fact]
    public async Task ApiTokens_FoundByHash_ListedPerUser_RevokedOnceAndTouched()
    {
        // Arrange
        await Store.AddUserAsync(new ParticipantRecord(ParticipantKinds.User, "ann", null, Signed), "hash", "stamp", [], Ct);
        var first = new ApiTokenRecord("t1", "ann", "ci", "sha-1", Signed, Signed.AddDays(30));
        var second = new ApiTokenRecord("t2", "ann", "laptop", "sha-2", Signed.AddMinutes(1), Signed.AddDays(30));
        await Store.AddApiTokenAsync(first, Ct);
        await Store.AddApiTokenAsync(second, Ct);
        await Store.AddApiTokenAsync(new ApiTokenRecord("t3", "bob", "other", "sha-3", Signed, Signed.AddDays(1)), Ct);

        // Act
        await Store.TouchApiTokenAsync("t1", Signed.AddHours(1), Ct);
        var revokedByOther = await Store.RevokeApiTokenAsync("bob", "t2", Signed.AddHours(2), Ct);
        var revoked = await Store.RevokeApiTokenAsync("ann", "t2", Signed.AddHours(2), Ct);
        var revokedAgain = await Store.RevokeApiTokenAsync("ann", "t2", Signed.AddHours(3), Ct);

        // Assert
        Assert.False(revokedByOther);
        Assert.True(revoked);
        Assert.False(revokedAgain);
        var reader = await OpenSecondStoreAsync();
        Assert.Equal(first with { LastUsedAt = Signed.AddHours(1) }, await reader.FindApiTokenAsync("sha-1", Ct));
        Assert.Equal(second with { RevokedAt = Signed.AddHours(2) }, await reader.FindApiTokenAsync("sha-2", Ct));
        Assert.Null(await reader.FindApiTokenAsync("sha-none", Ct));
        Assert.Equal(["t1"], (await reader.GetApiTokensAsync("ann", Ct)).Select(t => t.Id));
    }

    [Fact]
    public async Task RemoveParticipantAsync_User_TakesItsGroupsAndTokensAway()
    {
        // Arrange
        await Store.AddUserAsync(new ParticipantRecord(ParticipantKinds.User, "ann", null, Signed), "hash", "stamp", ["managers"], Ct);
        await Store.AddApiTokenAsync(new ApiTokenRecord("t1", "ann", "ci", "sha-1", Signed, Signed.AddDays(30)), Ct);

        // Act
        var removed = await Store.RemoveParticipantAsync(ParticipantKinds.User, "ann", Ct);

        // Assert
        Assert.True(removed);
        Assert.Null(await Store.GetUserAccountAsync("ann", Ct));
        Assert.Empty(await Store.GetGroupMembersAsync("managers", Ct));
        Assert.Null(await Store.FindApiTokenAsync("sha-1", Ct));
    }
}
