using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>A called instance and its caller link each other; a client finds one from the other by relations only.</summary>
public sealed class CallActivityApiTests
{
    [Fact]
    public async Task CalledInstance_LinksItsCallerUp_AndTheCallerListsItsCalledInstances()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("call-child-task.bpmn"));
        await hal.DeployAsync(ServerFactory.Fixture("call-parent.bpmn"));

        var started = await hal.StartAsync("call-parent", new { amount = 20, reviewer = "demo" });
        var parent = await hal.GetAsync(started.Self);

        // The caller: bpm:instances lists what it called; its activity names the called instance.
        var children = await hal.FollowAsync(parent, "bpm:instances");
        var childHref = Assert.Single(children.Links("item"));
        Assert.Equal(parent.Self, children.Link("up"));
        var activity = Assert.Single(parent.Property("activeActivities").EnumerateArray());
        Assert.Equal("call", activity.GetProperty("activityId").GetString());
        Assert.Equal(childHref, activity.GetProperty("calledInstance").GetString());

        // The called instance: up is its caller, bpm:process still its own definition.
        var child = await hal.GetAsync(childHref);
        Assert.Equal(activity.GetProperty("calledInstanceId").GetString(), child.String("id"));
        Assert.Equal(parent.Self, child.Link("up"));
        Assert.Equal("call-child-task", (await hal.FollowAsync(child, "bpm:process")).String("key"));
        Assert.Empty(child.Links("bpm:instances")); // its model calls nothing

        // The filter is advertised on the collection and the root.
        var root = await hal.GetAsync("/");
        Assert.Contains(root.AllLinks(), l => l.Rel == "bpm:instances" && l.Href.Contains("parent", StringComparison.Ordinal) && l.Templated);

        // The diagram's call activity shape links to the called instance.
        using var diagramRequest = new HttpRequestMessage(HttpMethod.Get, parent.Link("bpm:diagram"));
        diagramRequest.Headers.Accept.ParseAdd("image/svg+xml");
        using var diagram = await hal.Http.SendAsync(diagramRequest);
        var svg = await diagram.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"{childHref}\"", svg, StringComparison.Ordinal);

        // Cancelling the caller cancels the called instance.
        var cancelled = await hal.SubmitAsync(parent, "cancel");
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal("terminated", (await hal.GetAsync(childHref)).String("state"));
    }
}
