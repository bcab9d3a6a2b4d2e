using System.Net;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// ruote's expressions: each activity instance of an instance is a resource with its parent scope and children,
/// and a <c>DELETE</c> on it cancels that branch ("canceling part of a process").
/// </summary>
public sealed class Issue14ActivityInstanceTests
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://test">
          <process id="review" name="Review" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
            <subProcess id="sub" name="Review round">
              <startEvent id="subStart" />
              <sequenceFlow id="s1" sourceRef="subStart" targetRef="read" />
              <userTask id="read" name="Read the draft" />
              <sequenceFlow id="s2" sourceRef="read" targetRef="subEnd" />
              <endEvent id="subEnd" />
            </subProcess>
            <sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task Issue14_ActivityInstance_LinksItsScopeAndChildren_AndDeleteCancelsThatBranch()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(Model);
        var instance = await hal.StartAsync("review", new { });

        // From the instance, its activities, then each activity instance.
        var activities = await hal.FollowAsync(instance, "bpm:activities");
        var items = await Task.WhenAll(activities.Links("item").Select(href => hal.GetAsync(href)));
        var sub = Assert.Single(items, a => a.String("activityId") == "sub");
        var read = Assert.Single(items, a => a.String("activityId") == "read");
        Assert.Equal([read.Self], sub.Links("item"));
        Assert.Equal(sub.Self, read.Link("up"));
        Assert.Equal(instance.Self, sub.Link("up"));
        Assert.Equal("DELETE", read.Template("cancel").GetProperty("method").GetString());
        using var asJson = await new EnvelopeClient(hal.Http).SendAsync(HttpMethod.Get, read.Self);
        Assert.Equal("read", (await EnvelopeClient.DataAsync(asJson, HttpStatusCode.OK)).GetProperty("activityId").GetString());

        // DELETE /expressions/:wfid/:expid — the branch is cancelled; the ended activity instance is still there to read.
        using var deleted = await hal.SubmitAsync(read, "cancel");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await hal.GetAsync(read.Self);
        Assert.Equal("cancelled", after.String("state"));
        Assert.False(after.HasTemplate("cancel"));
        Assert.Empty((await hal.GetAsync(instance.Self)).Embedded("bpm:tasks"));

        using var again = await hal.Http.DeleteAsync(read.Self);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await hal.Http.DeleteAsync(instance.Self + "/activities/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Issue14_ActivityInstanceDelete_WithoutTheModifyRight_Is403()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(Model);
        var instance = await hal.StartAsync("review", new { });
        var read = (await hal.FollowAsync(instance, "bpm:activities")).Links("item").Last();
        await IdentityTestUsers.AddAsync(factory, "bob");

        // bob started nothing and may not see the instance at all; an operator sees it and may cancel.
        using var hidden = await factory.ClientAs("bob", IdentityTestUsers.Password).DeleteAsync(read);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var bobStarted = await factory.HalAs("bob", IdentityTestUsers.Password).StartAsync("review", new { });
        var bobsActivity = (await hal.FollowAsync(bobStarted, "bpm:activities")).Links("item").Last();
        Assert.False((await factory.HalAs("bob", IdentityTestUsers.Password).GetAsync(bobsActivity)).HasTemplate("cancel"));
        using var refused = await factory.ClientAs("bob", IdentityTestUsers.Password).DeleteAsync(bobsActivity);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("waiting", (await hal.GetAsync(bobsActivity)).String("state"));
    }
}
