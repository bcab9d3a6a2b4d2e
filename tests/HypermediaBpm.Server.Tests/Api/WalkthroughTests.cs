using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// A generic hypermedia client that knows only "/", the link relations and the template names does the
/// whole job through the real pipeline and a real SQLite file.
/// </summary>
public sealed class WalkthroughTests
{
    [Fact]
    public async Task Client_KnowingOnlyRoot_DeploysStartsCompletesAndControlsInstances()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var root = await hal.GetAsync("/");

        // Deploy through the collection's template.
        var processes = await hal.FollowAsync(root, "bpm:processes");
        var deployed = await hal.SubmitAsync(processes, "deploy", new { name = "Approval", bpmn_xml = ServerFactory.Fixture("approval.bpmn") });
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        var process = await hal.GetAsync(deployed.Headers.Location!.ToString());
        Assert.Equal("approval", process.String("key"));
        Assert.Equal(["amount", "reason", "businessKey"], process.Template("start").GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        // Two instances, one down each branch.
        var small = await StartAsync(hal, process, new { amount = 50, reason = "pens" });
        Assert.Equal("completed", small.String("state"));
        var large = await StartAsync(hal, process, new { amount = 5000 });
        Assert.Equal("running", large.String("state"));

        // Complete the task through its template.
        var tasks = await hal.FollowAsync(large, "bpm:tasks");
        var task = await hal.GetAsync(tasks.Links("item").Single());
        Assert.Equal("Approve", task.String("name"));
        Assert.True(task.HasTemplate("complete"));
        var completed = await hal.SubmitAsync(task, "complete", new { approved = true, decidedOn = "2026-11-21" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var afterComplete = await HalClient.ReadAsync(completed);
        Assert.Equal("completed", afterComplete.String("state"));
        Assert.False(afterComplete.HasTemplate("complete"));
        var largeNow = await hal.FollowAsync(afterComplete, "bpm:instance");
        Assert.Equal("completed", largeNow.String("state"));
        Assert.True(largeNow.Root.GetProperty("variables").GetProperty("approved").GetBoolean());
        Assert.Equal("completed", (await hal.GetAsync(small.Self)).String("state"));
        Assert.Empty(largeNow.TemplateNames);

        // A third: suspend, resume, cancel — each template only while allowed.
        var third = await StartAsync(hal, process, new { amount = 2000 });
        Assert.Equal(["cancel", "modify", "suspend"], third.TemplateNames.Order());
        var suspended = await HalClient.ReadAsync(await hal.SubmitAsync(third, "suspend"));
        Assert.Equal("suspended", suspended.String("state"));
        Assert.True(suspended.HasTemplate("resume"));
        Assert.False(suspended.HasTemplate("suspend"));
        var suspendedTask = await hal.GetAsync((await hal.FollowAsync(suspended, "bpm:tasks")).Links("item").Single());
        Assert.False(suspendedTask.HasTemplate("complete"));
        var resumed = await HalClient.ReadAsync(await hal.SubmitAsync(suspended, "resume"));
        Assert.Equal("running", resumed.String("state"));
        Assert.True(resumed.HasTemplate("suspend"));
        var cancel = await hal.SubmitAsync(resumed, "cancel");
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        var cancelled = await hal.GetAsync(resumed.Self);
        Assert.Equal("terminated", cancelled.String("state"));
        Assert.Empty(cancelled.TemplateNames);

        // The instance collection filters by state through its templated link.
        var completedList = await hal.FollowAsync(root, "bpm:instances", new Dictionary<string, string> { ["state"] = "completed" });
        Assert.Equal(2, completedList.Root.GetProperty("total").GetInt64());
        Assert.Equal(2, completedList.Links("item").Count());
    }

    [Fact]
    public async Task History_OfAnInstance_TellsWhatHappened()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await DeployAsync(hal);
        var instance = await StartAsync(hal, process, new { amount = 50 });

        var history = await hal.FollowAsync(instance, "bpm:history");

        var types = history.Embedded("item").Select(e => e.String("type")).ToList();
        Assert.Equal("instance-started", types[0]);
        Assert.Equal("instance-completed", types[^1]);
        Assert.All(history.Embedded("item"), e => Assert.Equal(instance.Self, e.Link("bpm:instance")));
    }

    public static async Task<HalDocument> DeployAsync(HalClient hal)
    {
        var processes = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes");
        var response = await hal.SubmitAsync(processes, "deploy", new { name = "Approval", bpmn_xml = ServerFactory.Fixture("approval.bpmn") });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await hal.GetAsync(response.Headers.Location!.ToString());
    }

    public static async Task<HalDocument> StartAsync(HalClient hal, HalDocument process, object values)
    {
        var response = await hal.SubmitAsync(process, "start", values);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.NotNull(response.Headers.Location);
        var instance = new HalDocument(JsonDocument.Parse(body).RootElement.Clone());
        Assert.Equal(response.Headers.Location!.ToString(), instance.Self);
        return instance;
    }
}
