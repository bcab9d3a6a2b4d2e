using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;
using static HypermediaBpm.Server.Tests.Feeds.FeedClient;
using static HypermediaBpm.Server.Tests.Feeds.MemberFeedReader;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>Issue 14: member feeds — one entry per instance or task in its latest state, newest change first, paged per RFC 5005 §3.</summary>
public sealed class Issue14MemberFeedTests
{
    [Fact]
    public async Task Issue14_ProcessWithThreeInstances_ItsAtomRepresentationHasExactlyThreeEntries()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var waiting = await StartAsync(hal, deployed, 5000, "order-<42>");
        await StartAsync(hal, deployed, 50);
        await StartAsync(hal, deployed, 7000);
        var process = await ProcessFromRootAsync(hal, "approval");

        // Act
        var byAccept = await ReadFeedAsync(hal.Http, process.Self);
        var byFeedLink = await ReadFeedAsync(hal.Http, process.Link("bpm:feed"));

        // Assert
        Assert.Equal(3, Entries(byAccept).Count());
        Assert.Equal(Entries(byAccept).Select(e => e.Element(Atom + "id")!.Value), Entries(byFeedLink).Select(e => e.Element(Atom + "id")!.Value));
        var entry = Entries(byAccept).Single(e => LinkOf(e, "self") == waiting);
        Assert.Equal("Approval order-<42> — running", entry.Element(Atom + "title")!.Value);
        Assert.Equal("running", Category(entry));
        Assert.Equal(ServerFactory.AdminUser, entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal(waiting, LinkOf(entry, "edit"));
        Assert.Equal(waiting + ".html", LinkOf(entry, "alternate"));
        Assert.Contains("Approve", entry.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("tag:", entry.Element(Atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Contains(Entries(byAccept), e => Category(e) == "completed");
        await AtomValidator.AssertValidAsync(byAccept.ToString(), "process-member-feed");
    }

    [Fact]
    public async Task Issue14_SixtyThreeInstances_WalkingNextSeesEachExactlyOnce()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var started = new List<string>();
        for (var i = 0; i < 63; i++)
        {
            started.Add(await StartAsync(hal, deployed, i % 2 == 0 ? 5000 : 10));
        }

        var process = await ProcessFromRootAsync(hal, "approval");

        // Act
        var (selves, pages) = await WalkAsync(hal.Http, process.Link("bpm:feed"));

        // Assert
        Assert.Equal(63, selves.Count);
        Assert.Equal(started.OrderBy(s => s, StringComparer.Ordinal), selves.OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal(4, pages.Count);
        Assert.Null(LinkOf(pages[0].Root!, "previous"));
        Assert.NotNull(LinkOf(pages[1].Root!, "previous"));
        Assert.NotNull(LinkOf(pages[0].Root!, "first"));
        Assert.NotNull(LinkOf(pages[0].Root!, "last"));
        Assert.Null(LinkOf(pages[0].Root!, "prev-archive"));
        var last = await ReadFeedAsync(hal.Http, LinkOf(pages[0].Root!, "last")!);
        Assert.Equal(selves.TakeLast(Entries(last).Count()), Entries(last).Select(e => LinkOf(e, "self")));
        await AtomValidator.AssertValidAsync(pages[1].ToString(), "process-member-feed-page-2");
    }

    [Fact]
    public async Task Issue14_MembersChangeAndJoinDuringAWalk_EachMemberOfTheWalkStillSeenOnce()
    {
        // Arrange: 30 instances waiting at their task, read 10 a page.
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Feeds:PageSize"] = "10" });
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var started = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            started.Add(await StartAsync(hal, deployed, 5000));
        }

        // Act: after the first page, complete one instance already seen and two not seen yet, and start a new one.
        var joined = new List<string>();
        var (selves, _) = await WalkAsync(hal.Http, Uris(await hal.GetAsync("/")), async page =>
        {
            if (page == 1)
            {
                await CompleteTaskAsync(hal, started[^1]);
                await CompleteTaskAsync(hal, started[5]);
                await CompleteTaskAsync(hal, started[12]);
                joined.Add(await StartAsync(hal, deployed, 5000));
            }
        });

        // Assert
        Assert.Equal(started.OrderBy(s => s, StringComparer.Ordinal), selves.OrderBy(s => s, StringComparer.Ordinal));
        Assert.DoesNotContain(joined[0], selves);
        var fresh = await ReadFeedAsync(hal.Http, Uris(await hal.GetAsync("/")));
        Assert.Equal([joined[0], started[12], started[5], started[^1]], Entries(fresh).Take(4).Select(e => LinkOf(e, "self")));
    }

    [Fact]
    public async Task Issue14_InstanceCompletes_ItsEntryHasNewUpdatedAndStateAndIsFirst()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var first = await StartAsync(hal, deployed, 5000);
        await StartAsync(hal, deployed, 6000);
        var feed = (await ProcessFromRootAsync(hal, "approval")).Link("bpm:feed");
        var before = Entries(await ReadFeedAsync(hal.Http, feed)).Single(e => LinkOf(e, "self") == first);

        // Act
        await CompleteTaskAsync(hal, first);
        var after = await ReadFeedAsync(hal.Http, feed);

        // Assert
        var top = Entries(after).First();
        Assert.Equal(first, LinkOf(top, "self"));
        Assert.Equal(before.Element(Atom + "id")!.Value, top.Element(Atom + "id")!.Value);
        Assert.Equal("running", Category(before));
        Assert.Equal("completed", Category(top));
        Assert.EndsWith("— completed", top.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.True(Updated(top) > Updated(before), $"{Updated(top):O} is not after {Updated(before):O}");
        Assert.Equal(2, Entries(after).Count());
    }

    [Fact]
    public async Task Issue14_WorklistTaskCompleted_NoLongerShownOpenButCompletedOnTop()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        var first = await StartAsync(hal, deployed, 5000);
        await StartAsync(hal, deployed, 6000);
        var worklist = HalClient.Expand((await hal.GetAsync("/")).AllLinks().Single(l => l.Rel == "bpm:feed" && l.Href.Contains("worklist", StringComparison.Ordinal)).Href,
            new Dictionary<string, string> { ["group"] = "managers" });
        var task = (await hal.GetAsync(first)).Embedded("bpm:tasks").Single().Self;
        var before = await ReadFeedAsync(hal.Http, worklist);

        // Act
        await CompleteTaskAsync(hal, first);
        var after = await ReadFeedAsync(hal.Http, worklist);

        // Assert
        Assert.Equal(["open", "open"], Entries(before).Select(Category));
        Assert.Equal(2, Entries(after).Count());
        var top = Entries(after).First();
        Assert.Equal(task, LinkOf(top, "self"));
        Assert.Equal("completed", Category(top));
        Assert.Equal(["completed", "open"], Entries(after).Select(Category));
        await AtomValidator.AssertValidAsync(after.ToString(), "worklist-member-feed");
    }

    [Fact]
    public async Task Issue14_UserWhoMayNotSeeAnInstance_DoesNotSeeItsEntry()
    {
        // Arrange: ann and bob (no groups) each start one; the admin starts a third.
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var deployed = await hal.GetAsync(await DeployApprovalAsync(hal));
        await IdentityTestUsers.AddAsync(factory, "ann");
        await IdentityTestUsers.AddAsync(factory, "bob");
        var ann = factory.HalAs("ann", IdentityTestUsers.Password);
        var bob = factory.HalAs("bob", IdentityTestUsers.Password);
        var annStarted = await StartAsync(ann, await ProcessFromRootAsync(ann, "approval"), 5000);
        var bobStarted = await StartAsync(bob, await ProcessFromRootAsync(bob, "approval"), 5000);
        await StartAsync(hal, deployed, 5000);

        // Act
        var annAll = await ReadFeedAsync(ann.Http, Uris(await ann.GetAsync("/")));
        var annProcess = await ReadFeedAsync(ann.Http, (await ProcessFromRootAsync(ann, "approval")).Self);
        var adminAll = await ReadFeedAsync(hal.Http, Uris(await hal.GetAsync("/")));
        var (othersWorklist, _) = await GetAtomAsync(ann.Http, "/feeds/worklist?group=managers");
        var (events, _) = await GetAtomAsync(ann.Http, "/feeds/events");

        // Assert
        Assert.Equal([annStarted], Entries(annAll).Select(e => LinkOf(e, "self")));
        Assert.Equal([annStarted], Entries(annProcess).Select(e => LinkOf(e, "self")));
        Assert.Contains(bobStarted, Entries(adminAll).Select(e => LinkOf(e, "self")));
        Assert.Equal(3, Entries(adminAll).Count());
        Assert.Equal(HttpStatusCode.Forbidden, othersWorklist.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, events.StatusCode);
    }

    /// <summary>The feed of all instances, as root links it (<c>bpm:feed</c> without a name).</summary>
    private static string Uris(HalDocument root) =>
        root.AllLinks().Single(l => l.Rel == "bpm:feed" && !l.Templated && !l.Href.Contains("events", StringComparison.Ordinal) && !l.Href.Contains("incidents", StringComparison.Ordinal)).Href;
}
