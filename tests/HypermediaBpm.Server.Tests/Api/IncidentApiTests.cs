using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>An incident from end to end: created by a failing script, seen in HAL, HTML and the incidents feed, retried, done.</summary>
public sealed class IncidentApiTests : IDisposable
{
    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="doubler" name="Doubler" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="double" />
            <scriptTask id="double" name="Double the input" scriptFormat="javascript" camunda:resultVariable="doubled">
              <script>if (typeof input === 'undefined') { throw new Error('input is missing'); } input * 2;</script>
            </scriptTask>
            <sequenceFlow id="f2" sourceRef="double" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Incident_IsSeenInHalHtmlAndFeed_RetriedWithTheFix_AndTheInstanceCompletes()
    {
        // Arrange: a script that fails for want of a variable.
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var started = await hal.StartAsync("doubler", new { });
        Assert.Equal("failed", started.String("state"));

        // HAL: from the root to the incident, by links only.
        var root = await hal.GetAsync("/");
        var incidents = await hal.FollowAsync(root, "bpm:incidents");
        var incident = Assert.Single(incidents.Embedded("bpm:incidents"));
        Assert.Contains("input is missing", incident.String("message"), StringComparison.Ordinal);
        Assert.True(incident.HasTemplate("retry"));
        Assert.True(incident.HasTemplate("resolve"));
        var instance = await hal.FollowAsync(incident, "bpm:instance");
        Assert.Equal(incident.Self, Assert.Single(instance.Embedded("bpm:incidents")).Self);

        // HTML: the instance page shows it with its retry form.
        var page = await new HtmlClient(_server).PageAsync(instance.Self);
        Assert.Contains("input is missing", page.QuerySelector("#section-incidents")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[name=retry]"));

        // The incidents feed has an entry for it.
        using var feedRequest = new HttpRequestMessage(HttpMethod.Get, root.Links("bpm:feed").Single(l => l.Contains("incidents", StringComparison.Ordinal)));
        feedRequest.Headers.Accept.ParseAdd("application/atom+xml");
        var feed = XDocument.Parse(await (await hal.Http.SendAsync(feedRequest)).Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Contains(feed.Root!.Elements(atom + "entry"), e => e.Element(atom + "title")!.Value.Contains("Double the input", StringComparison.Ordinal));

        // Act: retry with the missing variable.
        using var response = await hal.SubmitAsync(incident, "retry", new { input = 21 });

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await HalClient.ReadAsync(response);
        Assert.Equal("completed", after.String("state"));
        Assert.Equal(42, after.Property("variables").GetProperty("doubled").GetInt32());
        Assert.Empty(after.Embedded("bpm:incidents"));
        Assert.Empty((await hal.GetAsync("/incidents")).Embedded("bpm:incidents"));
        Assert.Equal(HttpStatusCode.NotFound, (await hal.Http.GetAsync(incident.Self)).StatusCode);
    }

    [Fact]
    public async Task Browser_ResolvesAnIncidentByForm_AndIsSentBackToTheInstance()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var started = await hal.StartAsync("doubler", new { });
        var browser = new HtmlClient(_server);
        var instancePage = await browser.PageAsync(started.Self);

        // Giving up asks first (issue 16): the instance page links the confirmation page, which carries the form.
        Assert.Null(instancePage.QuerySelector("form[name=resolve]"));
        var page = await browser.PageAsync(instancePage.QuerySelector("a[href$='/give-up']")!.GetAttribute("href")!);
        var form = page.QuerySelector("form[name=resolve]")!;

        // Act
        var response = await browser.SubmitAsync(page, "form#" + form.Id);

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(started.Self, HtmlClient.Location(response));
        var instance = await hal.GetAsync(started.Self);
        Assert.Equal("completed", instance.String("state"));
        var history = await hal.FollowAsync(instance, "bpm:history");
        Assert.Contains(history.Embedded("item"), e => e.String("type") == "incident-resolved");
        Assert.Equal(JsonValueKind.Undefined, instance.Property("variables").TryGetProperty("doubled", out var d) ? d.ValueKind : JsonValueKind.Undefined);
    }
}
