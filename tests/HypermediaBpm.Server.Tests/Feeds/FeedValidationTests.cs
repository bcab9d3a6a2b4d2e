using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Support;
using static HypermediaBpm.Server.Tests.Feeds.FeedClient;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>Every kind of feed, subscription and archive documents alike, is valid RFC 4287 (checked by jing).</summary>
public sealed class FeedValidationTests
{
    private static readonly Dictionary<string, string> SmallArchives = new() { ["Feeds:ArchiveSize"] = "4", ["Feeds:SubscriptionSize"] = "2" };

    [Fact]
    public async Task Feeds_EveryKindAndArchive_ValidAgainstAtomSchema()
    {
        // Arrange: instances that complete, wait for managers, are claimed and suspended.
        using var factory = new ServerFactory(settings: SmallArchives);
        var hal = factory.Hal();
        var process = await hal.GetAsync(await DeployApprovalAsync(hal));
        for (var i = 0; i < 3; i++)
        {
            await StartAsync(hal, process, 50);
        }

        var waiting = await hal.GetAsync(await StartAsync(hal, process, 5000, "claim-1"));
        var task = await hal.GetAsync(waiting.Embedded("bpm:tasks").First().Self);
        Assert.Equal(HttpStatusCode.OK, (await hal.SubmitAsync(task, "assign", new { assignee = "mary" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hal.SubmitAsync(await hal.GetAsync(waiting.Self), "suspend")).StatusCode);
        await StartAsync(hal, process, 7000);
        var root = await hal.GetAsync("/");
        var tasks = await hal.GetAsync("/tasks?candidateGroup=managers");

        // Act + Assert: each feed is reached by its links, and it and its archives validate.
        var feeds = new Dictionary<string, string>
        {
            ["instances"] = root.Link("bpm:feed"),
            ["events"] = root.Links("bpm:feed").Single(l => l.Contains("events", StringComparison.Ordinal)),
            ["process"] = process.Link("bpm:feed"),
            ["instance"] = waiting.Link("bpm:feed"),
            ["group-worklist"] = tasks.Link("bpm:feed"),
            ["user-worklist"] = HalClient.Expand(root.Links("bpm:feed").Single(l => l.Contains("{?", StringComparison.Ordinal)), new Dictionary<string, string> { ["user"] = "mary" }),
            ["incidents"] = root.Links("bpm:feed").Single(l => l.Contains("incidents", StringComparison.Ordinal)),
        };
        foreach (var (name, href) in feeds)
        {
            var (response, body) = await GetAtomAsync(hal.Http, href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {body}");
            await AtomValidator.AssertValidAsync(body, name);
            var archive = LinkOf(XDocument.Parse(body).Root!, "prev-archive");
            var archives = 0;
            while (archive is not null)
            {
                var (archived, archivedBody) = await GetAtomAsync(hal.Http, archive);
                Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
                await AtomValidator.AssertValidAsync(archivedBody, name + "-archive");
                var doc = XDocument.Parse(archivedBody);
                Assert.NotNull(doc.Root!.Element(History + "archive"));
                Assert.NotNull(LinkOf(doc.Root, "current"));
                archive = LinkOf(doc.Root, "prev-archive");
                archives++;
            }

            // Member feeds are paged (first/next/last), event feeds archived (prev-archive); only the busy event feeds have archives here.
            Assert.True(name is "events" or "instance" ? archives > 0 : name == "incidents" || archives == 0, $"{name}: {archives} archives");
            Assert.Equal(name is "events" or "instance" or "incidents", LinkOf(XDocument.Parse(body).Root!, "current") is not null);
            Assert.Equal(name is "events" or "instance" or "incidents", LinkOf(XDocument.Parse(body).Root!, "first") is null);
        }
    }

    [Fact]
    public async Task InstanceFeed_Entries_CarryIdsCategoriesAuthorsLinksAndEscapedXhtml()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await hal.GetAsync(await DeployApprovalAsync(hal));
        var instance = await hal.GetAsync(await StartAsync(hal, process, 5000));
        var task = await hal.GetAsync(instance.Embedded("bpm:tasks").Single().Self);
        Assert.Equal(HttpStatusCode.OK, (await hal.SubmitAsync(task, "assign", new { assignee = "<b>ann & co</b>" })).StatusCode);

        // Act
        var feed = await ReadFeedAsync(hal.Http, instance.Link("bpm:feed"));

        // Assert
        var root = feed.Root!;
        Assert.StartsWith("tag:", root.Element(Atom + "id")!.Value, StringComparison.Ordinal);
        Assert.NotNull(root.Element(Atom + "generator"));
        Assert.EndsWith("/instances/" + instance.String("id") + "/feed.atom", LinkOf(root, "self"), StringComparison.Ordinal);
        var entries = Entries(feed).ToList();
        var types = entries.Select(e => e.Element(Atom + "category")!.Attribute("term")!.Value).ToList();
        Assert.Equal("task-claimed", types[0]);
        Assert.Equal("task-created", types[1]);
        Assert.Equal("instance-started", types[^1]);
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
        var created = entries[1];
        Assert.StartsWith("Task 'Approve' created", created.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("/tasks/", LinkOf(created, "self"), StringComparison.Ordinal);
        Assert.Equal(LinkOf(created, "self"), LinkOf(created, "edit"));
        Assert.Equal("/instances/" + instance.String("id") + ".html", LinkOf(created, "alternate"));
        Assert.Contains("managers", created.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Contains("<b>ann & co</b>", entries[0].Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        // The administrator started the instance: the entry names them (contract §4).
        Assert.Equal(ServerFactory.AdminUser, created.Element(Atom + "author")!.Element(Atom + "name")!.Value);
    }

    [Fact]
    public async Task Feed_AskedForHal_ListsTheSameEntriesAsJson()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await hal.GetAsync(await DeployApprovalAsync(hal));
        await StartAsync(hal, process, 50);

        // Act
        var feed = await hal.GetAsync("/feeds/instances");

        // Assert
        Assert.Equal(["completed"], feed.Embedded("item").Select(e => e.String("type")));
        Assert.EndsWith("/feeds/instances.atom", feed.Links("alternate").Single(l => l.EndsWith(".atom", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("/feeds/instances", feed.Link("first"));
    }

    [Fact]
    public async Task FeedArchive_BucketNotComplete_Returns404()
    {
        using var factory = new ServerFactory(settings: SmallArchives);
        var hal = factory.Hal();

        var (response, _) = await GetAtomAsync(hal.Http, "/feeds/instances/archive/1000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WorklistFeed_NeitherUserNorGroup_Returns400()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();

        var (response, _) = await GetAtomAsync(hal.Http, "/feeds/worklist");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
