using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Support;
using static HypermediaBpm.Server.Tests.Feeds.FeedClient;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>A feed reader of member feeds: reaches them by links from <c>/</c>, walks <c>next</c>, completes tasks as a worker would.</summary>
internal static class MemberFeedReader
{
    /// <summary>Root → <c>bpm:processes</c> → the process (HAL), as a client finds it.</summary>
    public static async Task<HalDocument> ProcessFromRootAsync(HalClient hal, string key)
    {
        var processes = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes");
        var href = processes.Embedded("item").Single(p => p.String("key") == key).Self;
        return await hal.GetAsync(href);
    }

    /// <summary>Every page from <paramref name="href"/> on, following <c>next</c>; each entry's <c>self</c> in walk order.</summary>
    public static async Task<(List<string> Selves, List<XDocument> Pages)> WalkAsync(HttpClient http, string href, Func<int, Task>? afterPage = null)
    {
        var selves = new List<string>();
        var pages = new List<XDocument>();
        string? next = href;
        while (next is not null)
        {
            var page = await ReadFeedAsync(http, next);
            pages.Add(page);
            selves.AddRange(Entries(page).Select(e => LinkOf(e, "self")!));
            next = LinkOf(page.Root!, "next");
            Assert.True(pages.Count < 100, "the walk does not end");
            if (afterPage is not null)
            {
                await afterPage(pages.Count);
            }
        }

        return (selves, pages);
    }

    /// <summary>The instance's open task, completed through its <c>complete</c> template.</summary>
    public static async Task CompleteTaskAsync(HalClient hal, string instanceHref)
    {
        var task = (await hal.GetAsync(instanceHref)).Embedded("bpm:tasks").Single();
        using var completed = await hal.SubmitAsync(await hal.GetAsync(task.Self), "complete", new { approved = true });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
    }

    public static string Category(XElement entry) => entry.Element(Atom + "category")!.Attribute("term")!.Value;

    public static DateTimeOffset Updated(XElement entry) => DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture);
}
