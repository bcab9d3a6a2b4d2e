using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Pautasso's RESTful conversation with a process (<c>POST /process/name?start</c> → <c>201</c>; <c>GET</c> the
/// instance; <c>GET</c>/<c>PUT</c> its task; the instance is complete) and ruote's workitem <c>PUT</c> with
/// <c>_proceed</c>, through the real pipeline, reaching every resource by links from <c>/</c>.
/// </summary>
public sealed class Issue14ConversationTests
{
    [Fact]
    public async Task Issue14_PostToTheProcessWithStart_Is201WithLocationAndTheTaskPutCompletesIt()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var process = Assert.Single((await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes")).Embedded("item"));

        // POST /process/name?start HTTP/1.1 → 201 Created, Location: /process/name/42
        using var started = await hal.Http.PostAsync(process.Self + "?start", JsonContent(new { amount = 5000 }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = await hal.GetAsync(started.Headers.Location!.ToString());
        Assert.Equal("running", instance.String("state"));

        // GET /process/name/42/task, then PUT it: a draft first, then the values with complete: true.
        var task = await hal.GetAsync(Assert.Single(instance.Embedded("bpm:tasks")).Self);
        Assert.True(task.HasTemplate("update"));
        Assert.Equal("PUT", task.Template("update").GetProperty("method").GetString());
        using var draft = await hal.SubmitAsync(task, "update", new { approved = true });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var drafted = await HalClient.ReadAsync(draft);
        Assert.Equal("open", drafted.String("state"));
        Assert.Equal("true", FormValue(drafted, "complete", "approved"));
        Assert.Equal("true", FormValue(drafted, "update", "approved"));

        using var put = await hal.SubmitAsync(drafted, "update", new { decidedOn = "2026-11-21", complete = true });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("completed", (await HalClient.ReadAsync(put)).String("state"));

        // GET /process/name/42 → "Process Instance 42 is complete", with the draft's value kept.
        var done = await hal.GetAsync(instance.Self);
        Assert.Equal("completed", done.String("state"));
        Assert.True(done.Property("variables").GetProperty("approved").GetBoolean());
        var history = await hal.FollowAsync(done, "bpm:history");
        var updated = Assert.Single(history.Embedded("item"), e => e.String("type") == "task-updated");
        Assert.Equal(ServerFactory.AdminUser, updated.String("user"));
    }

    [Fact]
    public async Task Issue14_PostToTheProcessWithoutAccept_StartsLikeItsTemplateOnce()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var process = Assert.Single((await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes")).Embedded("item"));

        // Without ?start, without Accept, with an idempotency key sent twice: one instance, the same Location.
        var locations = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, process.Self) { Content = JsonContent(new { amount = 10, businessKey = "claim-1" }) };
            request.Headers.Add("Idempotency-Key", "claim-1");
            using var response = await hal.Http.SendAsync(request);
            var data = await EnvelopeClient.DataAsync(response, HttpStatusCode.Created);
            Assert.Equal("completed", data.GetProperty("state").GetString());
            locations.Add(response.Headers.Location!.ToString());
        }

        Assert.Equal(locations[0], locations[1]);
        using var wrong = await hal.Http.PostAsync(process.Self, JsonContent(new { amount = "many" }));
        Assert.Equal((HttpStatusCode)422, wrong.StatusCode);
    }

    [Fact]
    public async Task Issue14_RuoteWorkitemPutWithProceed_ResumesTheProcess()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var started = await hal.StartAsync((await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"))).String("key"), new { amount = 5000 });
        var workitem = await hal.GetAsync((await hal.FollowAsync(started, "bpm:tasks")).Links("item").Single());

        // A PUT of the payload without _proceed keeps the workitem; with _proceed the process resumes.
        var seen = await EtagAsync(hal.Http, workitem.Self);
        using var kept = await PutAsync(hal.Http, workitem.Self, new { approved = false }, seen);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var stored = await hal.GetAsync(workitem.Self);
        Assert.False(stored.Property("draft").GetProperty("approved").GetBoolean());

        using var stale = await PutAsync(hal.Http, workitem.Self, new { approved = true, _proceed = true }, seen);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        using var proceeded = await PutAsync(hal.Http, workitem.Self, new { approved = true, _proceed = true }, await EtagAsync(hal.Http, workitem.Self));
        Assert.Equal(HttpStatusCode.OK, proceeded.StatusCode);
        Assert.Equal("completed", (await hal.GetAsync(started.Self)).String("state"));
        using var again = await PutAsync(hal.Http, workitem.Self, new { approved = true }, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Issue14_TaskPut_ByAUserWhoMayNotWorkOnIt_Is403AndSavesNothing()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var started = await hal.StartAsync((await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"))).String("key"), new { amount = 5000 });
        var task = await hal.GetAsync((await hal.FollowAsync(started, "bpm:tasks")).Links("item").Single());
        await IdentityTestUsers.AddAsync(factory, "ann", "operators");
        var ann = factory.HalAs("ann", IdentityTestUsers.Password);
        Assert.False((await ann.GetAsync(task.Self)).HasTemplate("update"));

        using var refused = await PutAsync(ann.Http, task.Self, new { approved = true, complete = true }, null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var after = await hal.GetAsync(task.Self);
        Assert.Equal("open", after.String("state"));
        Assert.Equal(JsonValueKind.Null, after.Property("draft").ValueKind);
    }

    [Fact]
    public async Task Issue14_TaskUpdateHtmlForm_PutsByMethodFieldAndShowsTheDraftAgain()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var started = await hal.StartAsync((await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"))).String("key"), new { amount = 5000 });
        var taskHref = (await hal.FollowAsync(started, "bpm:tasks")).Links("item").Single();
        using var draft = await PutAsync(hal.Http, taskHref, new { decidedOn = "2026-12-24" }, null);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, taskHref);
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await hal.Http.SendAsync(request);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains("name=\"update\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"_method\" value=\"PUT\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-12-24\"", html, StringComparison.Ordinal);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, string href, object body, EntityTagHeaderValue? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, href) { Content = JsonContent(body) };
        request.Headers.Accept.ParseAdd("application/hal+json");
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The ETag a client keeps from its GET of the task, to send back as If-Match.</summary>
    private static async Task<EntityTagHeaderValue> EtagAsync(HttpClient http, string href)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.Accept.ParseAdd("application/hal+json");
        using var response = await http.SendAsync(request);
        return response.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"GET {href} has no ETag");
    }

    private static string? FormValue(HalDocument resource, string template, string property) =>
        resource.Template(template).GetProperty("properties").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == property).TryGetProperty("value", out var v) ? v.ToString().ToLowerInvariant() : null;
}
