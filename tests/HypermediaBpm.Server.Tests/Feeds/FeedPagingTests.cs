using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Support;
using static HypermediaBpm.Server.Tests.Feeds.FeedClient;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>RFC 5005 archived feeds: the archive chain holds every entry once, and archives never change.</summary>
public sealed class FeedPagingTests
{
    [Fact]
    public async Task EventsFeed_500Instances_PrevArchiveWalkYieldsEachExactlyOnceAndArchivesAreImmutable()
    {
        // Arrange: 500 instances, archives of 50 history sequences (every event of every instance).
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Feeds:ArchiveSize"] = "50", ["Feeds:SubscriptionSize"] = "20" });
        var hal = factory.Hal();
        var process = await hal.GetAsync(await DeployApprovalAsync(hal));
        var started = new List<string>();
        foreach (var batch in Enumerable.Range(0, 500).Chunk(10))
        {
            started.AddRange(await Task.WhenAll(batch.Select(i => StartAsync(hal, process, i % 2 == 0 ? 50 : 5000))));
        }

        // Act: walk prev-archive from the subscription document, fetching every archive twice.
        var subscription = await ReadFeedAsync(hal.Http, (await hal.GetAsync("/")).Links("bpm:feed").Single(l => l.Contains("events", StringComparison.Ordinal)));
        var entries = Entries(subscription).ToList();
        var next = LinkOf(subscription.Root!, "prev-archive");
        var archives = new List<(string Href, HttpResponseMessage Response, XDocument Doc)>();
        while (next is not null)
        {
            var (first, firstBody) = await GetAtomAsync(hal.Http, next);
            var (second, secondBody) = await GetAtomAsync(hal.Http, next);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(firstBody, secondBody);
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
            var doc = XDocument.Parse(firstBody);
            archives.Add((next, first, doc));
            entries.AddRange(Entries(doc));
            next = LinkOf(doc.Root!, "prev-archive");
        }

        // Assert: every instance started exactly once, no entry twice, newest first throughout.
        var ids = entries.Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var startedEntries = entries.Where(e => e.Element(Atom + "category")!.Attribute("term")!.Value == "instance-started")
            .Select(e => LinkOf(e, "self")!).ToList();
        Assert.Equal(started.Order(StringComparer.Ordinal), startedEntries.Order(StringComparer.Ordinal));
        Assert.Equal(250, entries.Count(e => e.Element(Atom + "category")!.Attribute("term")!.Value == "instance-completed"));
        var sequences = ids.Select(id => long.Parse(id[(id.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.First > p.Second), "entries must be newest first across documents");
        Assert.True(archives.Count > 10, $"only {archives.Count} archives");
        foreach (var (href, response, doc) in archives)
        {
            Assert.NotNull(doc.Root!.Element(History + "archive"));
            Assert.NotNull(LinkOf(doc.Root, "current"));
            if (LinkOf(doc.Root, "next-archive") is not null)
            {
                Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            }
        }

        // Only the newest archive may still be waiting for its successor.
        Assert.All(archives.Skip(1), a => Assert.NotNull(LinkOf(a.Doc.Root!, "next-archive")));
        Assert.Equal(archives[^2].Href, LinkOf(archives[^1].Doc.Root!, "next-archive"));
    }
}
