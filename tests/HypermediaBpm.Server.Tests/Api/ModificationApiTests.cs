using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>Instance modification over HTTP: the <c>modify</c> template from HAL and from the HTML page.</summary>
public sealed class ModificationApiTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Modify_CancelsTheWaitingTask_AndStartsBeforeTheEnd_InOneCommand()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });
        var token = instance.Property("activeActivities")[0].GetProperty("id").GetString();
        Assert.True(instance.HasTemplate("modify"));

        // Act
        using var response = await hal.SubmitAsync(instance, "modify", new
        {
            instructions = new object[] { new { type = "cancel", activityInstanceId = token }, new { type = "startBeforeActivity", activityId = "done" } },
            variables = new { note = "closed by hand" },
        });

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await HalClient.ReadAsync(response);
        Assert.Equal("completed", after.String("state"));
        Assert.Equal("closed by hand", after.Property("variables").GetProperty("note").GetString());
        Assert.False(after.HasTemplate("modify"));
        var history = await hal.FollowAsync(after, "bpm:history");
        Assert.Contains(history.Embedded("item"), e => e.String("type") == "instance-modified");
    }

    [Fact]
    public async Task Modify_ThatWouldBreakTheModel_Is422_AndChangesNothing()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });

        using var response = await hal.SubmitAsync(instance, "modify", new { instructions = new object[] { new { type = "startBeforeActivity", activityId = "nowhere" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MODIFICATION_INVALID", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(instance.Property("activeActivities").ToString(), (await hal.GetAsync(instance.Self)).Property("activeActivities").ToString());
    }

    [Fact]
    public async Task Browser_ModifiesThroughTheForm_AndIsSentBackToTheInstance()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });
        var browser = new HtmlClient(_server);
        var page = await browser.PageAsync(instance.Self);
        var token = page.QuerySelector("form#modify select[name=activityInstanceId] option[value]:not([value=''])")!.GetAttribute("value")!;

        var response = await browser.SubmitAsync(page, "form#modify", new Dictionary<string, string> { ["type"] = "cancel", ["activityInstanceId"] = token });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("terminated", (await hal.GetAsync(instance.Self)).String("state"));
    }
}
