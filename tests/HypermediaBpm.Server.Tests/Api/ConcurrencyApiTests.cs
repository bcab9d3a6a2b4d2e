using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

public sealed class ConcurrencyApiTests
{
    [Fact]
    public async Task TwoClientsCompleteOneTask_ExactlyOneSucceeds()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        var instance = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });
        var task = await hal.GetAsync((await hal.FollowAsync(instance, "bpm:tasks")).Links("item").Single());
        var other = factory.Hal();

        var responses = await Task.WhenAll(
            Task.Run(() => hal.SubmitAsync(task, "complete", new { approved = true })),
            Task.Run(() => other.SubmitAsync(task, "complete", new { approved = false })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
        Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed });
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType!.MediaType);
        var history = await hal.FollowAsync(instance, "bpm:history");
        Assert.Single(history.Embedded("item"), e => e.String("type") == "task-completed");
    }

    [Fact]
    public async Task StaleIfMatch_Is412_AndFreshIfMatchWorks()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        var instance = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });
        using var get = new HttpRequestMessage(HttpMethod.Get, instance.Self);
        get.Headers.Accept.ParseAdd("application/hal+json");
        var etag = (await hal.Http.SendAsync(get)).Headers.ETag!;

        Assert.Equal(HttpStatusCode.OK, (await hal.SubmitAsync(instance, "suspend", configure: r => r.Headers.IfMatch.Add(etag))).StatusCode);
        var stale = await hal.SubmitAsync(instance, "cancel", configure: r => r.Headers.IfMatch.Add(etag));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("PRECONDITION_FAILED", await stale.Content.ReadAsStringAsync());
        Assert.Equal("suspended", (await hal.GetAsync(instance.Self)).String("state"));
    }

    [Fact]
    public async Task SameIdempotencyKeyTwice_StartsOneInstance()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);

        var first = await hal.SubmitAsync(process, "start", new { amount = 5000 }, r => r.Headers.Add("Idempotency-Key", "order-42"));
        var second = await hal.SubmitAsync(process, "start", new { amount = 5000 }, r => r.Headers.Add("Idempotency-Key", "order-42"));
        var different = await hal.SubmitAsync(process, "start", new { amount = 1 }, r => r.Headers.Add("Idempotency-Key", "order-42"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        var instances = await hal.FollowAsync(process, "bpm:instances");
        Assert.Equal(1, instances.Root.GetProperty("total").GetInt64());
    }
}
