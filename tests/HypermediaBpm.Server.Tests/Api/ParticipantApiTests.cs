using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>bpm:participants: add a group from the root's links, follow it to its worklist and feed, remove it.</summary>
public sealed class ParticipantApiTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Group_IsAdded_LinksItsClaimableTasksAndFeed_AndIsRemoved()
    {
        // Arrange: work offered to the managers group.
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        await hal.StartAsync("approval", new { amount = 5000 });
        var root = await hal.GetAsync("/");
        var participants = await hal.FollowAsync(root, "bpm:participants");

        // Act
        using var added = await hal.SubmitAsync(participants, "add", new { kind = "group", id = "managers", name = "Managers" });
        using var duplicate = await hal.SubmitAsync(participants, "add", new { kind = "group", id = "managers" });
        using var invalid = await hal.SubmitAsync(participants, "add", new { kind = "robot", id = "r2" });

        // Assert
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/participants/groups/managers", added.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var group = await hal.GetAsync("/participants/groups/managers");
        var worklist = await hal.FollowAsync(group, "bpm:tasks");
        Assert.Equal("Approve", Assert.Single(worklist.Embedded("item")).String("name"));
        Assert.Contains("/feeds/worklist?group=managers", group.Links("bpm:feed"));
        var listed = await hal.FollowAsync(root, "bpm:participants");
        // Beside the built-in groups and the first administrator.
        Assert.Equal(
            ["/participants/groups/admins", "/participants/groups/managers", "/participants/groups/operators", "/participants/groups/workers", "/participants/users/admin"],
            listed.Embedded("item").Select(p => p.Self));

        using var removed = await hal.SubmitAsync(group, "remove");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hal.Http.GetAsync("/participants/groups/managers")).StatusCode);
        using var problem = JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync());
        Assert.Equal("PARTICIPANT_EXISTS", problem.RootElement.GetProperty("code").GetString());
    }
}
