using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Support;
using static HypermediaBpm.Server.Tests.Feeds.FeedClient;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>A feed reader polling with conditional GETs: 304 while nothing happened, the new entry on top after.</summary>
public sealed class FeedPollingTests
{
    [Fact]
    public async Task InstancesFeed_PolledUnchangedThenAfterANewInstance_304Then200WithItsEntryOnTop()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await hal.GetAsync(await DeployApprovalAsync(hal));
        await StartAsync(hal, process, 50);
        var (first, _) = await GetAtomAsync(hal.Http, "/feeds/instances");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        // Act
        var (byTag, _) = await GetAtomAsync(hal.Http, "/feeds/instances", r => r.Headers.IfNoneMatch.Add(etag));
        var (byDate, _) = await GetAtomAsync(hal.Http, "/feeds/instances", r => r.Headers.IfModifiedSince = lastModified);
        var newInstance = await StartAsync(hal, process, 5000);
        var (changed, body) = await GetAtomAsync(hal.Http, "/feeds/instances", r => r.Headers.IfNoneMatch.Add(etag));

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var top = Entries(XDocument.Parse(body)).First();
        Assert.Equal("running", top.Element(Atom + "category")!.Attribute("term")!.Value);
        Assert.Equal(newInstance, LinkOf(top, "self"));
        Assert.Equal(2, Entries(XDocument.Parse(body)).Count());
    }

    [Fact]
    public async Task WorklistFeed_NewTaskForGroup_AppearsOnTop()
    {
        // Arrange
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await hal.GetAsync(await DeployApprovalAsync(hal));
        var before = await ReadFeedAsync(hal.Http, "/feeds/worklist?group=managers");

        // Act
        var instance = await hal.GetAsync(await StartAsync(hal, process, 5000));
        var after = await ReadFeedAsync(hal.Http, "/feeds/worklist?group=managers");
        var other = await ReadFeedAsync(hal.Http, "/feeds/worklist?group=clerks");

        // Assert
        Assert.Empty(Entries(before));
        var entry = Assert.Single(Entries(after));
        Assert.Equal(instance.Embedded("bpm:tasks").Single().Self, LinkOf(entry, "self"));
        Assert.Empty(Entries(other));
    }
}
