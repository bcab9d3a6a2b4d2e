using System.Net;
using System.Text;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Api;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Svg;

public sealed class SvgDiagramApiTests
{
    private const string Broken = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://test">
          <process id="broken" name="&lt;script&gt;alert(1)&lt;/script&gt;" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="script" />
            <scriptTask id="script" name="&lt;script&gt;alert(2)&lt;/script&gt;" scriptFormat="javascript"><script>throw new Error('x');</script></scriptTask>
            <sequenceFlow id="f2" sourceRef="script" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task ProcessDiagram_IsSvg_WithOpenTaskCounts()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });
        await WalkthroughTests.StartAsync(hal, process, new { amount = 7000 });

        var (response, doc) = await GetSvgAsync(hal, process.Link("bpm:diagram"));

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var approve = SvgAssert.Group(doc, "approve");
        Assert.Equal("2", approve.Descendants(SvgAssert.Svg + "g").Single(g => SvgAssert.Classes(g).Contains("badge")).Value);
        var diagram = await hal.GetAsync(process.Link("bpm:diagram"));
        Assert.Contains(diagram.Links("alternate"), l => l.EndsWith("/diagram.svg", StringComparison.Ordinal));
        var explicitSvg = await hal.Http.GetAsync(diagram.Links("alternate").Single(l => l.EndsWith(".svg", StringComparison.Ordinal)));
        Assert.Equal("image/svg+xml", explicitSvg.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task InstanceDiagram_ShowsActiveCompletedAndTaken()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        var instance = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });

        var (_, doc) = await GetSvgAsync(hal, instance.Link("bpm:diagram"));

        Assert.Contains("active", SvgAssert.Classes(SvgAssert.Group(doc, "approve")));
        Assert.Contains("completed", SvgAssert.Classes(SvgAssert.Group(doc, "start")));
        Assert.Contains("completed", SvgAssert.Classes(SvgAssert.Group(doc, "xor")));
        Assert.Contains("taken", SvgAssert.Classes(SvgAssert.Group(doc, "f1")));
        Assert.Contains("taken", SvgAssert.Classes(SvgAssert.Group(doc, "large")));
        Assert.DoesNotContain("taken", SvgAssert.Classes(SvgAssert.Group(doc, "small")));

        // The waiting task links to the task resource.
        var link = SvgAssert.Group(doc, "approve").Element(SvgAssert.Svg + "a");
        Assert.StartsWith("/tasks/", (string?)link?.Attribute("href"));
    }

    [Fact]
    public async Task FailedScript_IsAnIncident_AndNamesStayText()
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var deployed = await client.PostAsync("/processes", new StringContent(Broken, Encoding.UTF8, "application/bpmn+xml"));
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        var hal = factory.Hal();
        var process = await hal.GetAsync(deployed.Headers.Location!.ToString());
        var start = await hal.SubmitAsync(process, "start", new { });
        var instance = await HalClient.ReadAsync(start);

        var (_, doc) = await GetSvgAsync(hal, instance.Link("bpm:diagram"));

        Assert.Contains("incident", SvgAssert.Classes(SvgAssert.Group(doc, "script")));
        Assert.Contains("<script>alert(2)</script>", SvgAssert.Group(doc, "script").Value, StringComparison.Ordinal);
        var (_, plain) = await GetSvgAsync(hal, process.Self);
        Assert.Equal("<script>alert(1)</script>", plain.Root!.Element(SvgAssert.Svg + "title")!.Value);
    }

    private static async Task<(HttpResponseMessage Response, XDocument Svg)> GetSvgAsync(HalClient hal, string href)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.Accept.ParseAdd("image/svg+xml");
        var response = await hal.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {href} → {(int)response.StatusCode}: {body}");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        return (response, SvgAssert.WellFormed(body));
    }
}
