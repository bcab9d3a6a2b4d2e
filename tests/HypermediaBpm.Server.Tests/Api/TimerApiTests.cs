using System.Diagnostics;
using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>The server's own scheduler, on the real clock: the one test that waits for real time.</summary>
public sealed class TimerApiTests
{
    [Fact]
    public async Task RunningServer_HundredMillisecondTimer_FiresByItself()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var root = await hal.GetAsync("/");
        var processes = await hal.FollowAsync(root, "bpm:processes");
        var deployed = await hal.SubmitAsync(processes, "deploy", new { name = "Short wait", bpmn_xml = ServerFactory.Fixture("timer-100ms.bpmn") });
        var process = await hal.GetAsync(deployed.Headers.Location!.ToString());
        var clock = Stopwatch.StartNew();

        var created = await hal.SubmitAsync(process, "start", new { });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var instance = await HalClient.ReadAsync(created);
        Assert.Equal("wait", instance.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());

        // Poll the instance as a client would, until the task after the timer is there (or give up after 10 s).
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            instance = await hal.GetAsync(instance.Self);
            if (instance.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString() == "check")
            {
                break;
            }

            await Task.Delay(20);
        }

        Assert.Equal("check", instance.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(100), $"fired after {clock.Elapsed.TotalMilliseconds} ms");
    }
}
