using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;
using static HypermediaBpm.Server.Tests.Feeds.FeedClient;
using static HypermediaBpm.Server.Tests.Feeds.MemberFeedReader;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>Issue 14: every feed kind and both entry documents as Atom, feeds for browsers, conditional GETs, the 406 on a process.</summary>
public sealed class Issue14FeedRepresentationTests
{
    [Fact]
    public async Task Issue14_EveryFeedKindAndBothEntryDocuments_ValidAgainstAtomSchema()
    {
        // Arrange: a failed instance gives the incidents feed an entry.
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Feeds:ArchiveSize"] = "5", ["Feeds:SubscriptionSize"] = "3" });
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var instance = await StartAsync(hal, deployed, 5000, "<b>order & co</b>");
        await StartAsync(hal, deployed, 10);
        var root = await hal.GetAsync("/");
        var process = await ProcessFromRootAsync(hal, "approval");
        var task = (await hal.GetAsync(instance)).Embedded("bpm:tasks").Single();
        var feeds = root.AllLinks().Where(l => l.Rel == "bpm:feed" && !l.Templated).Select(l => l.Href)
            .Concat([process.Link("bpm:feed"), (await hal.GetAsync(instance)).Link("bpm:feed"), "/feeds/worklist?group=managers"]).ToList();

        // Act
        var documents = new List<(string Name, string Xml)>();
        foreach (var href in feeds)
        {
            documents.Add((href, (await ReadFeedAsync(hal.Http, href)).ToString()));
        }

        var instanceEntry = await GetAtomAsync(hal.Http, instance);
        var taskEntryHref = (await hal.GetAsync(task.Self)).AllLinks().Single(l => l.Rel == "alternate" && l.Href.EndsWith(".atom", StringComparison.Ordinal)).Href;
        var taskEntry = await GetAtomAsync(hal.Http, taskEntryHref);

        // Assert
        Assert.Equal(6, documents.Count);
        foreach (var (name, xml) in documents)
        {
            await AtomValidator.AssertValidAsync(xml, "feed" + name.Replace('/', '-').Replace('?', '-'));
        }

        Assert.Equal("application/atom+xml; type=entry; charset=utf-8", instanceEntry.Response.Content.Headers.ContentType!.ToString());
        Assert.Equal("entry", XDocument.Parse(instanceEntry.Body).Root!.Name.LocalName);
        Assert.Equal(HttpStatusCode.OK, taskEntry.Response.StatusCode);
        Assert.Equal("open", Category(XDocument.Parse(taskEntry.Body).Root!));
        await AtomValidator.AssertValidAsync(instanceEntry.Body, "instance-entry");
        await AtomValidator.AssertValidAsync(taskEntry.Body, "task-entry");
    }

    [Fact]
    public async Task Issue14_EntryDocument_AdvertisedAsTypedAlternateAndSameEntryAsInTheFeed()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var href = await StartAsync(hal, deployed, 5000, "k-1");
        var instance = await hal.GetAsync(href);
        var alternates = instance.Root.GetProperty("_links").GetProperty("alternate").EnumerateArray().ToList();

        // Act
        var entryHref = alternates.Single(a => a.TryGetProperty("type", out var t) && t.GetString() == "application/atom+xml;type=entry").GetProperty("href").GetString()!;
        var entry = XDocument.Parse((await GetAtomAsync(hal.Http, entryHref)).Body).Root!;
        var inFeed = Entries(await ReadFeedAsync(hal.Http, (await ProcessFromRootAsync(hal, "approval")).Link("bpm:feed"))).Single();

        // Assert
        Assert.Equal(href + ".atom", entryHref);
        Assert.Equal(inFeed.Element(Atom + "id")!.Value, entry.Element(Atom + "id")!.Value);
        Assert.Equal(inFeed.Element(Atom + "title")!.Value, entry.Element(Atom + "title")!.Value);
        Assert.Equal(inFeed.Element(Atom + "updated")!.Value, entry.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public async Task Issue14_EveryFeedKindPolledUnchanged_304_ThenAfterAChange_NewETag()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var instance = await StartAsync(hal, deployed, 5000);
        var feeds = new[] { "/processes/approval", "/processes/approval/feed", "/feeds/instances", "/instances", "/feeds/worklist?group=managers",
            "/feeds/events", "/feeds/incidents", (await hal.GetAsync(instance)).Link("bpm:feed"), instance };
        var tags = new Dictionary<string, System.Net.Http.Headers.EntityTagHeaderValue>();
        foreach (var href in feeds)
        {
            tags[href] = (await GetAtomAsync(hal.Http, href)).Response.Headers.ETag!;
        }

        // Act
        var unchanged = new List<HttpStatusCode>();
        foreach (var href in feeds)
        {
            unchanged.Add((await GetAtomAsync(hal.Http, href, r => r.Headers.IfNoneMatch.Add(tags[href]))).Response.StatusCode);
        }

        await CompleteTaskAsync(hal, instance);
        var changed = new List<string>();
        foreach (var href in feeds.Where(f => !f.Contains("incidents", StringComparison.Ordinal)))
        {
            var (response, _) = await GetAtomAsync(hal.Http, href, r => r.Headers.IfNoneMatch.Add(tags[href]));
            if (response.StatusCode == HttpStatusCode.OK && response.Headers.ETag != tags[href])
            {
                changed.Add(href);
            }
        }

        // Assert
        Assert.All(unchanged, status => Assert.Equal(HttpStatusCode.NotModified, status));
        Assert.Equal(feeds.Where(f => !f.Contains("incidents", StringComparison.Ordinal)), changed);
    }

    [Fact]
    public async Task Issue14_BrowserOpensAFeedUri_GetsAnHtmlPageWithEntriesSubscribeAndPaging()
    {
        // Arrange
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Feeds:PageSize"] = "2" });
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await StartAsync(hal, deployed, 5000, $"<script>order-{i}</script>"));
        }

        var browser = new HtmlClient(factory);

        // Act
        var (response, page) = await browser.GetAsync("/processes/approval/feed");
        var (events, eventsPage) = await browser.GetAsync("/feeds/events");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var subscribe = page.QuerySelector("a.subscribe")!;
        Assert.Equal("/processes/approval/feed.atom", subscribe.GetAttribute("href"));
        Assert.Equal("application/atom+xml", subscribe.GetAttribute("type"));
        var items = page.QuerySelectorAll("ol.feed-entries li a[rel=item]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([started[2] + ".html", started[1] + ".html"], items);
        Assert.Contains("<script>order-2</script>", page.QuerySelector("ol.feed-entries")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("ol.feed-entries script"));
        Assert.NotNull(page.QuerySelector("nav.pager a[rel=next]"));
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.NotNull(eventsPage.QuerySelector("a.subscribe[href='/feeds/events.atom']"));
    }

    [Fact]
    public async Task Issue14_NotAcceptableOnAProcess_PointsToTheFeedOfItsInstances()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await DeployApprovalAsync(hal);
        var process = await ProcessFromRootAsync(hal, "approval");
        using var request = new HttpRequestMessage(HttpMethod.Get, process.Self);
        request.Headers.Accept.ParseAdd("image/png");

        // Act
        using var response = await hal.Http.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Assert
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var context = problem.RootElement.GetProperty("context");
        Assert.Contains("application/atom+xml", context.GetProperty("available").EnumerateArray().Select(a => a.GetString()));
        var feed = context.GetProperty("alternates").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "application/atom+xml");
        Assert.Equal("/processes/approval/feed.atom", feed.GetProperty("href").GetString());
    }

    [Theory]
    [InlineData("/feeds/instances?page=not-a-page")]
    [InlineData("/feeds/instances?page=YS4xLng")]
    [InlineData("/processes/approval/feed?page=2")]
    public async Task Issue14_MemberFeedPageNotGivenOut_400InvalidPage(string href)
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await DeployApprovalAsync(hal);

        // Act
        var (response, body) = await GetAtomAsync(hal.Http, href);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_PAGE", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Issue14_FeedUriWithNoAccept_GetsAtom()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await DeployApprovalAsync(hal);

        // Act
        using var response = await hal.Http.GetAsync("/processes/approval/feed");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
    }
}
