using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>Contract §9 for a client that has not signed in: what it may read, and how it is told to sign in.</summary>
public sealed class AnonymousAccessTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("GET", "/processes")]
    [InlineData("GET", "/tasks?state=open")]
    [InlineData("GET", "/feeds/instances")]
    [InlineData("GET", "/me")]
    [InlineData("POST", "/participants")]
    [InlineData("POST", "/signals")]
    [InlineData("GET", "/no-such-thing")]
    public async Task AnonymousApiRequest_AnyResource_401ProblemWithChallengeAndLoginLink(string method, string path)
    {
        // Arrange
        using var client = _server.AnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("application/hal+json");

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Basic realm=\"HypermediaBpm\", Bearer", string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString())));
        Assert.Contains("</login>; rel=\"bpm:login\"", response.Headers.GetValues("Link"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("AUTHENTICATION_REQUIRED", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("/login", problem.RootElement.GetProperty("context").GetProperty("login").GetString());
    }

    [Fact]
    public async Task AnonymousBrowser_PageRequest_303ToLoginWithReturnUrl()
    {
        // Arrange
        var browser = new HtmlClient(_server, signedIn: false);

        // Act
        using var response = await browser.Http.GetAsync("/tasks?state=open");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/login?returnUrl=%2Ftasks%3Fstate%3Dopen", HtmlClient.Location(response));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/docs")]
    [InlineData("/docs/api.md")]
    [InlineData("/rels")]
    [InlineData("/rels/tasks")]
    [InlineData("/assets/site.css")]
    [InlineData("/login")]
    [InlineData("/")]
    public async Task AnonymousRequest_PublicResource_200(string path)
    {
        // Arrange
        using var client = _server.AnonymousClient();

        // Act
        using var response = await client.GetAsync(path);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousRoot_ShowsOnlyTheLoginLink()
    {
        // Arrange
        var hal = new HalClient(_server.AnonymousClient());

        // Act
        var root = await hal.GetAsync("/");

        // Assert
        Assert.Equal(["bpm:login", "self"], root.AllLinks().Select(l => l.Rel).Order());
        Assert.Equal("/login", root.Link("bpm:login"));
        Assert.Empty(root.TemplateNames);
        Assert.False(root.Root.TryGetProperty("processes", out _));
    }

    [Fact]
    public async Task SignedInRoot_LinksMe_AndNotLogin()
    {
        // Act
        var root = await _server.Hal().GetAsync("/");

        // Assert
        Assert.Equal("/me", root.Link("bpm:me"));
        Assert.Empty(root.Links("bpm:login"));
        Assert.Empty(root.Links("bpm:logout"));
        Assert.True(root.HasTemplate("deploy"));
    }

    [Fact]
    public async Task LoginPage_HasTheLoginTemplate_WithUsernamePasswordAndReturnUrl()
    {
        // Arrange
        var hal = new HalClient(_server.AnonymousClient());

        // Act
        var login = await hal.GetAsync("/login?returnUrl=%2Ftasks");

        // Assert
        var template = login.Template("login");
        Assert.Equal("POST", template.GetProperty("method").GetString());
        var names = template.GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["username", "password", "returnUrl"], names);
        Assert.Equal("/tasks", template.GetProperty("properties")[2].GetProperty("value").GetString());
    }
}
