using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

public sealed class SignalApiTests
{
    [Fact]
    public async Task Broadcast_FromRoot_ReachesWaitingInstancesAndStartsSignalStarts()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var catching = await MessageApiTests.DeployAsync(hal, "signal-catch.bpmn");
        await MessageApiTests.DeployAsync(hal, "signal-start.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(catching, "start", new { }));
        Assert.Equal("running", waiting.String("state"));

        var signals = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:signals");
        Assert.Equal(["alert"], signals.Root.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        var response = await hal.SubmitAsync(signals, "broadcast", new { name = "alert", variables = new { level = "red" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await HalClient.ReadAsync(response);
        Assert.Equal(2, answer.Links("bpm:instance").Count());
        Assert.Equal(waiting.Self, "/instances/" + answer.Root.GetProperty("reached")[0].GetString());
        Assert.Equal("completed", (await hal.GetAsync(waiting.Self)).String("state"));
        var started = await hal.GetAsync("/instances/" + answer.Root.GetProperty("started")[0].GetString());
        Assert.Equal("signal-start", started.String("processKey"));
        Assert.Equal("red", started.Root.GetProperty("variables").GetProperty("level").GetString());
    }

    [Fact]
    public async Task Broadcast_NobodyListens_Is200WithNoInstance()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var signals = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:signals");

        var response = await hal.SubmitAsync(signals, "broadcast", new { name = "nobody" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await HalClient.ReadAsync(response)).Links("bpm:instance"));
    }

    [Fact]
    public async Task Broadcast_WithoutName_Is422()
    {
        using var factory = new ServerFactory();
        var response = await factory.CreateClient().PostAsync("/signals", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"field\":\"name\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
