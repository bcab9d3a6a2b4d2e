using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Contract §1 through the real server: what curl, fetch and Python requests get with no <c>Accept</c> (or
/// <c>*/*</c>): the JSON envelope for resources, Atom for feeds, SVG for diagrams; HAL when asked for.
/// </summary>
public sealed class Issue14DefaultRepresentationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    public async Task Issue14_NoPreference_GetsEachResourcesDefault(string? accept)
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var root = await hal.GetAsync("/");
        var process = await hal.GetAsync(Assert.Single((await hal.FollowAsync(root, "bpm:processes")).Embedded("item")).Self);

        Assert.Equal("application/json", await ContentTypeAsync(hal.Http, "/", accept));
        Assert.Equal("application/json", await ContentTypeAsync(hal.Http, process.Self, accept));
        Assert.Equal("application/atom+xml", await ContentTypeAsync(hal.Http, root.Link("bpm:feed"), accept));
        Assert.Equal("image/svg+xml", await ContentTypeAsync(hal.Http, process.Link("bpm:diagram"), accept));
        Assert.Equal("application/hal+json", await ContentTypeAsync(hal.Http, process.Self, "application/hal+json"));
        Assert.Equal("application/prs.hal-forms+json", await ContentTypeAsync(hal.Http, process.Self, "application/prs.hal-forms+json"));
    }

    [Fact]
    public async Task Issue14_NoPreference_CarriesVaryAndContentLocationOfTheEnvelope()
    {
        using var factory = new ServerFactory();
        using var response = await factory.CreateClient().GetAsync("/processes");

        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Equal("/processes.json", response.Content.Headers.ContentLocation?.ToString());
    }

    private static async Task<string?> ContentTypeAsync(HttpClient http, string href, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {href} → {(int)response.StatusCode}");
        return response.Content.Headers.ContentType?.MediaType;
    }
}
