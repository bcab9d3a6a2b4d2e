using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Batches;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>Batch operations through the real HTTP pipeline and a real SQLite file: filters, failures, cancel, rights, feed, pages.</summary>
public sealed class Issue19BatchTests : IDisposable
{
    private static readonly Dictionary<string, string> Manual = new() { ["Batches:Enabled"] = "false", ["Batches:ChunkSize"] = "2" };

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue19_BatchFilter_SelectsOnlyWhatItSays()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-a"));
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-b"));
        var chosen = await BatchTestSupport.StartManyAsync(_server, "i19-batch-a", 2, "k-1");
        var otherKey = await BatchTestSupport.StartManyAsync(_server, "i19-batch-a", 2, "k-2");
        var otherProcess = await BatchTestSupport.StartManyAsync(_server, "i19-batch-b", 2, "k-1");
        var engine = _server.Services.GetRequiredService<ProcessEngine>();
        await engine.SuspendAsync(chosen[1], new CommandContext("admin"), default);

        // Act
        var batch = await BatchTestSupport.CreateAsync(hal, new { operation = "suspend", process = "i19-batch-a", state = "running", businessKey = "k-1" });
        var done = await BatchTestSupport.FinishedAsync(hal, batch);

        // Assert
        Assert.Equal(("completed", 1, 1, 0), (done.String("state"), BatchTestSupport.Int(done, "total"), BatchTestSupport.Int(done, "done"), BatchTestSupport.Int(done, "failed")));
        Assert.Equal("suspended", (await hal.GetAsync("/instances/" + chosen[0])).String("state"));
        foreach (var id in otherKey.Concat(otherProcess))
        {
            Assert.Equal("running", (await hal.GetAsync("/instances/" + id)).String("state"));
        }

        var suspended = await BatchTestSupport.EventsAsync(_server, "i19-batch-a", HistoryTypes.InstanceSuspended);
        Assert.Equal(2, suspended.Count);
    }

    [Fact]
    public async Task Issue19_Batch_CountsFailures_WithTheInstanceAndTheProblem()
    {
        // Arrange: one of three instances has ended, so it cannot be suspended.
        var hal = _server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-fail"));
        var ids = await BatchTestSupport.StartManyAsync(_server, "i19-batch-fail", 3);
        await _server.Services.GetRequiredService<ProcessEngine>().CancelAsync(ids[2], new CommandContext("admin"), default);

        // Act
        var batch = await BatchTestSupport.CreateAsync(hal, new { operation = "suspend", process = "i19-batch-fail" });
        var done = await BatchTestSupport.FinishedAsync(hal, batch);

        // Assert
        Assert.Equal((3, 2, 1), (BatchTestSupport.Int(done, "total"), BatchTestSupport.Int(done, "done"), BatchTestSupport.Int(done, "failed")));
        var failure = Assert.Single(done.Property("failures").EnumerateArray());
        Assert.Equal(ids[2], failure.GetProperty("instanceId").GetString());
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("code").GetString()));
        Assert.False(done.HasTemplate("cancel"));
    }

    [Fact]
    public async Task Issue19_Batch_RetryIncidents_RetriesEachFailedInstance_AndFailsOnOneWithout()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(BatchTestSupport.FailingModel("i19-batch-retry"));
        var failed = await BatchTestSupport.StartManyAsync(_server, "i19-batch-retry", 2);
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-noincident"));
        var healthy = await BatchTestSupport.StartManyAsync(_server, "i19-batch-noincident", 1);

        // Act
        var retry = await BatchTestSupport.FinishedAsync(hal, await BatchTestSupport.CreateAsync(hal, new { operation = "retry-incidents", state = "failed", process = "i19-batch-retry" }));
        var without = await BatchTestSupport.FinishedAsync(hal, await BatchTestSupport.CreateAsync(hal, new { operation = "retry-incidents", process = "i19-batch-noincident" }));

        // Assert
        Assert.Equal((2, 2, 0), (BatchTestSupport.Int(retry, "total"), BatchTestSupport.Int(retry, "done"), BatchTestSupport.Int(retry, "failed")));
        var retried = await BatchTestSupport.EventsAsync(_server, "i19-batch-retry", HistoryTypes.IncidentRetried);
        Assert.Equal(failed.Order(), retried.Select(e => e.InstanceId).Order());
        Assert.All(retried, e => Assert.Equal(ServerFactory.AdminUser, e.User));
        var failure = Assert.Single(without.Property("failures").EnumerateArray());
        Assert.Equal((healthy[0], RetryIncidentsOperation.NoIncidentCode), (failure.GetProperty("instanceId").GetString(), failure.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Issue19_CancelTemplate_StopsARunningBatch_AfterTheChunkInProgress()
    {
        // Arrange: the background service is off; the test runs chunks itself.
        using var server = new ServerFactory(settings: Manual);
        var hal = server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-stop"));
        var ids = await BatchTestSupport.StartManyAsync(server, "i19-batch-stop", 6);
        var runner = server.Services.GetRequiredService<BatchRunner>();
        var uri = await BatchTestSupport.CreateAsync(hal, new { operation = "cancel", process = "i19-batch-stop" });
        Assert.True(await runner.RunChunkAsync("test-node", default));
        var running = await hal.GetAsync(uri);

        // Act
        using var cancel = await hal.SubmitAsync(running, "cancel");
        var ranAfter = await runner.RunChunkAsync("test-node", default);
        using var again = await hal.Http.DeleteAsync(uri);

        // Assert
        Assert.Equal(("running", 2), (running.String("state"), BatchTestSupport.Int(running, "done")));
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.False(ranAfter);
        var cancelled = await hal.GetAsync(uri);
        Assert.Equal(("cancelled", 2, 6), (cancelled.String("state"), BatchTestSupport.Int(cancelled, "done"), BatchTestSupport.Int(cancelled, "total")));
        Assert.False(cancelled.HasTemplate("cancel"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("BATCH_NOT_RUNNING", await again.Content.ReadAsStringAsync());
        var terminated = (await BatchTestSupport.EventsAsync(server, "i19-batch-stop", HistoryTypes.InstanceCancelled)).Select(e => e.InstanceId).ToList();
        Assert.Equal(ids.Order().Take(2), terminated.Order());
    }

    [Fact]
    public async Task Issue19_Batches_AreForOperators_AndRecordTheirCreator()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann");
        await IdentityTestUsers.AddAsync(_server, "otto", "operators");
        var admin = _server.Hal();
        await admin.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-rights"));
        var ids = await BatchTestSupport.StartManyAsync(_server, "i19-batch-rights", 1);
        var ann = _server.HalAs("ann", IdentityTestUsers.Password);
        var otto = _server.HalAs("otto", IdentityTestUsers.Password);

        // Act
        using var list = await ann.Http.GetAsync("/batches");
        using var create = await ann.Http.PostAsJsonAsync("/batches", new { operation = "cancel", process = "i19-batch-rights" });
        var annRoot = await ann.GetAsync("/");
        var annInstances = await ann.GetAsync("/instances");
        var batch = await BatchTestSupport.FinishedAsync(otto, await BatchTestSupport.CreateAsync(otto, new { operation = "cancel", process = "i19-batch-rights" }));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("FORBIDDEN", await create.Content.ReadAsStringAsync());
        Assert.Empty(annRoot.Links("bpm:batches"));
        Assert.False(annInstances.HasTemplate("batch"));
        Assert.Equal(("otto", 1), (batch.String("createdBy"), BatchTestSupport.Int(batch, "done")));
        Assert.Equal("otto", Assert.Single(await BatchTestSupport.EventsAsync(_server, "i19-batch-rights", HistoryTypes.InstanceCancelled)).User);
        Assert.Equal("terminated", (await admin.GetAsync("/instances/" + ids[0])).String("state"));
    }

    [Fact]
    public async Task Issue19_BatchAsAtom_IsItsProgressFeed_OneEntryPerChunk()
    {
        // Arrange
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Batches:ChunkSize"] = "2" });
        var hal = server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-feed"));
        await BatchTestSupport.StartManyAsync(server, "i19-batch-feed", 5);
        var uri = await BatchTestSupport.CreateAsync(hal, new { operation = "suspend", process = "i19-batch-feed" });
        await BatchTestSupport.FinishedAsync(hal, uri);

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/atom+xml");
        using var response = await hal.Http.SendAsync(request);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Equal(5, titles.Count); // created, three chunks (2 + 2 + 1), completed
        Assert.Equal(3, titles.Count(t => t.StartsWith("Batch chunk processed", StringComparison.Ordinal)));
        Assert.StartsWith("Batch completed", titles[0], StringComparison.Ordinal);
        Assert.Contains(feed.Root.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "current");
    }

    [Fact]
    public async Task Issue19_BatchPages_OfferTheBatchForm_OnTheOperationsPage_AndShowProgress()
    {
        // Arrange
        using var server = new ServerFactory(settings: Manual);
        var hal = server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-html"));
        await BatchTestSupport.StartManyAsync(server, "i19-batch-html", 3);
        var uri = await BatchTestSupport.CreateAsync(hal, new { operation = "cancel", process = "i19-batch-html" });
        await server.Services.GetRequiredService<BatchRunner>().RunChunkAsync("test-node", default);

        // Act
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var operations = parser.ParseDocument(await Html(server, "/operations"));
        var page = parser.ParseDocument(await Html(server, uri));

        // Assert
        var form = operations.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[name=batch]");
        Assert.NotNull(form);
        Assert.Equal(("post", "/batches"), (form.Method, form.GetAttribute("action")));
        Assert.NotNull(form.QuerySelector("select[name=operation] option[value=retry-incidents]"));
        Assert.Equal("2", page.QuerySelector("progress")?.GetAttribute("value"));
        Assert.Contains("2 of 3 processed", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[name=cancel]#cancel"));
    }

    [Fact]
    public async Task Issue19_BatchFilterWithMarkup_IsEncodedInItsPageAndItsFeed()
    {
        // Arrange: a business key a hostile client chose, used as the batch's filter (echoed on its page and feed).
        const string key = "<img src=x onerror=alert(1)>";
        using var server = new ServerFactory(settings: Manual);
        var hal = server.Hal();
        await hal.DeployAsync(BatchTestSupport.WaitingModel("i19-batch-markup"));
        await BatchTestSupport.StartManyAsync(server, "i19-batch-markup", 1, key);
        var uri = await BatchTestSupport.CreateAsync(hal, new { operation = "suspend", process = "i19-batch-markup", businessKey = key });
        await server.Services.GetRequiredService<BatchRunner>().RunChunkAsync("test-node", default);

        // Act
        var html = await Html(server, uri);
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/atom+xml");
        using var response = await client.SendAsync(request);
        var atom = await response.Content.ReadAsStringAsync();

        // Assert: the text is there as text, never as markup.
        Assert.DoesNotContain(key, html, StringComparison.Ordinal);
        Assert.Contains(key, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(key, atom, StringComparison.Ordinal);
        XDocument.Parse(atom);
    }

    private static async Task<string> Html(ServerFactory server, string uri)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
