using System.Net;
using System.Xml.Linq;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>A feed reader's view of the server: Atom documents parsed with System.Xml, and the server's fixtures.</summary>
public static class FeedClient
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace History = "http://purl.org/syndication/history/1.0";

    public static async Task<(HttpResponseMessage Response, string Body)> GetAtomAsync(HttpClient http, string href, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.Accept.ParseAdd("application/atom+xml");
        configure?.Invoke(request);
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body);
    }

    public static async Task<XDocument> ReadFeedAsync(HttpClient http, string href)
    {
        var (response, body) = await GetAtomAsync(http, href);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {href} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(body);
    }

    public static string? LinkOf(XElement element, string rel) =>
        element.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href")?.Value;

    public static IEnumerable<XElement> Entries(XDocument feed) => feed.Root!.Elements(Atom + "entry");

    /// <summary>Deploys the approval fixture; returns the process resource's URI.</summary>
    public static async Task<string> DeployApprovalAsync(HalClient hal)
    {
        var root = await hal.GetAsync("/");
        var processes = await hal.FollowAsync(root, "bpm:processes");
        var deployed = await hal.SubmitAsync(processes, "deploy", new { name = "Approval", bpmn_xml = ServerFactory.Fixture("approval.bpmn") });
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        return deployed.Headers.Location!.ToString();
    }

    /// <summary>Starts an approval: a small amount completes at once, a large one waits for the managers.</summary>
    public static async Task<string> StartAsync(HalClient hal, Support.HalDocument process, int amount, string? businessKey = null)
    {
        var started = await hal.SubmitAsync(process, "start", new { amount, reason = "<b>pens & ink</b>", businessKey });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return started.Headers.Location!.ToString();
    }
}
