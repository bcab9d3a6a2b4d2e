using HypermediaBpm.Engine.Persistence;
namespace HypermediaBpm.StoreCompliance;

/// <summary>Issue 14: member feed positions (SQLite migration 0018, PostgreSQL migration 3) and walks pinned to a snapshot.</summary>
public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task Issue14_InstanceFeedWalk_MembersChangedOnceOrTwiceOrJoined_EachMemberOfTheSnapshotOnce()
    {
        // Arrange: 9 instances, 3 a page.
        var members = (IMemberFeedStore)Store;
        var definition = await DeployAsync("walk");
        var other = await DeployAsync("other");
        var instances = new List<InstanceSummary>();
        for (var i = 0; i < 9; i++)
        {
            instances.Add(await StartAsync(definition));
        }

        await StartAsync(other);
        var first = await members.QueryInstanceFeedAsync(new MemberFeedQuery(3, ProcessKey: "walk"), Ct);

        // Act: one not yet seen changes twice, one seen changes, one joins; then read on.
        var moved = await MoveAsync(await MoveAsync(instances[1], "suspended"), "running");
        await MoveAsync(instances[8], "completed");
        var joined = await StartAsync(definition);
        var seen = first.Members.Select(m => m.Item.Summary.Id).ToList();
        var page = first;
        while (page.HasNext)
        {
            page = await members.QueryInstanceFeedAsync(new MemberFeedQuery(3, first.Snapshot, After: page.Members[^1].Position, ProcessKey: "walk"), Ct);
            seen.AddRange(page.Members.Select(m => m.Item.Summary.Id));
        }

        var fresh = await members.QueryInstanceFeedAsync(new MemberFeedQuery(3, ProcessKey: "walk"), Ct);
        var previous = await members.QueryInstanceFeedAsync(new MemberFeedQuery(3, first.Snapshot, Before: page.Members[0].Position, ProcessKey: "walk"), Ct);
        var last = await members.QueryInstanceFeedAsync(new MemberFeedQuery(3, FromEnd: true, ProcessKey: "walk"), Ct);

        // Assert
        Assert.Equal(instances.Select(i => i.Id).Reverse(), seen);
        Assert.Equal([joined.Id, instances[8].Id, moved.Id], fresh.Members.Select(m => m.Item.Summary.Id));
        Assert.Equal("running", page.Members.Single(m => m.Item.Summary.Id == moved.Id).Item.Summary.State);
        Assert.Equal(3L, page.Members.Single(m => m.Item.Summary.Id == moved.Id).Item.Summary.Revision);
        Assert.Equal(instances.Skip(3).Take(3).Select(i => i.Id).Reverse(), previous.Members.Select(m => m.Item.Summary.Id));
        Assert.True(previous.HasPrevious);
        Assert.Equal([instances[3].Id, instances[2].Id, instances[0].Id], last.Members.Select(m => m.Item.Summary.Id));
        Assert.False(last.HasNext);
    }

    [Fact]
    public async Task Issue14_TaskFeed_ParticipantsAtEachPosition_TaskLeavesWhenReassignedAndStaysWhenCompleted()
    {
        // Arrange
        var members = (IMemberFeedStore)Store;
        var instance = await StartAsync(await DeployAsync("tasks"));
        var task = Samples.Task(instance, groups: ["managers"], assignee: "ann", users: ["ann", "carl"]);
        var kept = Samples.Task(instance, groups: ["managers"]);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task, kept]), Ct);

        // Act
        var before = await members.QueryTaskFeedAsync(new MemberFeedQuery(10, Participant: FeedFilter.User("ann")), Ct);
        await Store.CommitAsync(StoreSamples.Changes(tasks: [task with { Assignee = "bob", CandidateUsers = ["bob"], Revision = 2 }, kept with { State = "completed", Revision = 2 }]), Ct);
        var ann = await members.QueryTaskFeedAsync(new MemberFeedQuery(10, Participant: FeedFilter.User("ann")), Ct);
        var bob = await members.QueryTaskFeedAsync(new MemberFeedQuery(10, Participant: FeedFilter.User("bob")), Ct);
        var managers = await members.QueryTaskFeedAsync(new MemberFeedQuery(10, Participant: FeedFilter.Group("managers")), Ct);

        // Assert
        Assert.Equal([task.Id], before.Members.Select(m => m.Item.Id));
        Assert.Empty(ann.Members);
        Assert.Equal([task.Id], bob.Members.Select(m => m.Item.Id));
        Assert.Equal([(kept.Id, "completed"), (task.Id, "open")], managers.Members.Select(m => (m.Item.Id, m.Item.State)));
    }
}
