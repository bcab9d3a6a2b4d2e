using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

public sealed class ProcessApiTests
{
    [Fact]
    public async Task Deploy_ByBpmnXmlBody_And_ByMultipartUpload_BothCreateVersions()
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var xml = ServerFactory.Fixture("approval.bpmn");

        var raw = await client.PostAsync("/processes", new StringContent(xml, Encoding.UTF8, "application/bpmn+xml"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Approval (uploaded)"), "name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(xml)), "file", "approval.bpmn" },
        };
        var upload = await client.PostAsync("/processes", form);

        Assert.Equal(HttpStatusCode.Created, raw.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, upload.StatusCode);
        var process = await factory.Hal().GetAsync(upload.Headers.Location!.ToString());
        Assert.Equal(2, process.Root.GetProperty("version").GetInt32());
        Assert.Equal("Approval (uploaded)", process.String("name"));
        var history = await factory.Hal().FollowAsync(process, "version-history");
        Assert.Equal(2, history.Links("item").Count());
        var v1 = await factory.Hal().FollowAsync(process, "predecessor-version");
        Assert.Equal(1, v1.Root.GetProperty("version").GetInt32());
        Assert.EndsWith("/versions/1", v1.Self);
        Assert.EndsWith("/versions/2", (await factory.Hal().FollowAsync(process, "latest-version")).Self);
        Assert.Equal(process.Link("latest-version"), v1.Link("latest-version"));
    }

    [Fact]
    public async Task Source_IsTheDeployedXmlByteForByte()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);

        using var request = new HttpRequestMessage(HttpMethod.Get, process.Link("bpm:source"));
        var response = await hal.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/bpmn+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ServerFactory.Fixture("approval.bpmn"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_NewVersion_AutoIncrements_AndDeleteIsRefusedWhileRunning()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        Assert.True(process.HasTemplate("delete"));
        var running = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });
        process = await hal.GetAsync(process.Self);
        Assert.False(process.HasTemplate("delete"));

        var edited = await hal.SubmitAsync(process, "edit", new { bpmn_xml = ServerFactory.Fixture("approval.bpmn") });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(2, (await HalClient.ReadAsync(edited)).Root.GetProperty("version").GetInt32());

        var refused = await hal.Http.DeleteAsync(process.Self);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("PROCESS_HAS_INSTANCES", await refused.Content.ReadAsStringAsync());

        await hal.SubmitAsync(running, "cancel");
        var deletable = await hal.GetAsync(process.Self);
        Assert.True(deletable.HasTemplate("delete"));
        Assert.Equal(HttpStatusCode.NoContent, (await hal.SubmitAsync(deletable, "delete")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hal.Http.GetAsync(process.Self)).StatusCode);
    }

    [Fact]
    public async Task PlainJson_UsesTheDataEnvelope()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        await WalkthroughTests.StartAsync(hal, process, new { amount = 5 });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/instances");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await hal.Http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var data = doc.RootElement.GetProperty("data");
        Assert.Equal(1, data.GetProperty("total").GetInt64());
        Assert.Equal(1, data.GetProperty("page").GetInt32());
        Assert.Equal(1, data.GetProperty("totalPages").GetInt32());
        Assert.Equal("completed", data.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Instance_HasStrongETag_And304WhenUnchanged()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        var instance = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });
        var first = await hal.Http.GetAsync(instance.Self);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, instance.Self);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await hal.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        await hal.SubmitAsync(instance, "suspend");
        using var again = new HttpRequestMessage(HttpMethod.Get, instance.Self);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await hal.Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Paging_WalksEveryInstanceOnceByLinks()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        for (var i = 0; i < 23; i++)
        {
            await WalkthroughTests.StartAsync(hal, process, new { amount = i });
        }

        var seen = new List<string>();
        var page = await hal.GetAsync("/instances?pageSize=10");
        var pages = 1;
        seen.AddRange(page.Links("item"));
        while (page.Links("next").Any())
        {
            page = await hal.FollowAsync(page, "next");
            seen.AddRange(page.Links("item"));
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(23, seen.Distinct().Count());
        Assert.Equal(23, seen.Count);
        Assert.Equal(3, page.Root.GetProperty("page").GetInt32());
        var back = await hal.FollowAsync(page, "prev");
        Assert.Equal(10, back.Links("item").Count());
        Assert.Equal(seen.Skip(10).Take(10), back.Links("item"));
    }
}
