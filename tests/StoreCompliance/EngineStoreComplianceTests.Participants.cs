using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    private static readonly DateTimeOffset Joined = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddParticipantAsync_KeepsOnePerKindAndId_AndSecondStoreSeesIt()
    {
        // Act
        var added = await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.Group, "managers", "Managers", Joined), Ct);
        var again = await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.Group, "managers", "Other name", Joined), Ct);
        var sameIdOtherKind = await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.User, "managers", null, Joined), Ct);

        // Assert
        Assert.True(added);
        Assert.False(again);
        Assert.True(sameIdOtherKind);
        var second = await OpenSecondStoreAsync();
        var read = await second.GetParticipantAsync(ParticipantKinds.Group, "managers", Ct);
        Assert.Equal(new ParticipantRecord(ParticipantKinds.Group, "managers", "Managers", Joined), read);
        Assert.Null((await second.GetParticipantAsync(ParticipantKinds.User, "managers", Ct))!.Name);
    }

    [Fact]
    public async Task QueryParticipantsAsync_PagesByKey_AndRemoveTakesOneAway()
    {
        // Arrange
        foreach (var id in new[] { "carl", "ann", "bob" })
        {
            await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.User, id, null, Joined), Ct);
        }

        await Store.AddParticipantAsync(new ParticipantRecord(ParticipantKinds.Group, "managers", null, Joined), Ct);

        // Act
        var first = await Store.QueryParticipantsAsync(new PageRequest(2), Ct);
        var next = await Store.QueryParticipantsAsync(new PageRequest(2, After: first.LastKey), Ct);
        var removed = await Store.RemoveParticipantAsync(ParticipantKinds.User, "bob", Ct);
        var removedAgain = await Store.RemoveParticipantAsync(ParticipantKinds.User, "bob", Ct);
        var after = await Store.QueryParticipantsAsync(new PageRequest(10), Ct);

        // Assert
        Assert.Equal(["group:managers", "user:ann"], first.Items.Select(p => p.Key));
        Assert.Equal(4, first.Total);
        Assert.True(first.HasNext);
        Assert.Equal(["user:bob", "user:carl"], next.Items.Select(p => p.Key));
        Assert.False(next.HasNext);
        Assert.True(removed);
        Assert.False(removedAgain);
        Assert.Equal(["group:managers", "user:ann", "user:carl"], after.Items.Select(p => p.Key));
    }
}
