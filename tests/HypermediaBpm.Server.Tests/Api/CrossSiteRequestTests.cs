using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Issue 13, finding 3: a page on another site must not be able to change anything here through a visitor's
/// browser. JSON is only what its media type says it is, and every unsafe request a browser sends on behalf of
/// another site is refused, whatever it carries — through the real pipeline and a real SQLite file.
/// </summary>
public sealed class CrossSiteRequestTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HalClient _hal;
    private string _instance = string.Empty;

    public CrossSiteRequestTests()
    {
        _hal = _server.Hal();
    }

    public void Dispose() => _server.Dispose();

    /// <summary>What a page elsewhere would make the browser do, each a change when accepted (201, 201, 200, 200, 204).</summary>
    private IEnumerable<(string Name, HttpMethod Method, string Url, string? Body)> Changes() =>
    [
        ("deploy", HttpMethod.Post, "/processes", JsonSerializer.Serialize(new { name = "Planted", bpmn_xml = ServerFactory.Fixture("approval.bpmn").Replace("id=\"approval\"", "id=\"planted\"", StringComparison.Ordinal) })),
        ("start", HttpMethod.Post, "/processes/approval/instances", "{\"amount\": 5}"),
        ("signal", HttpMethod.Post, "/signals", "{\"name\": \"alert\"}"),
        ("lock", HttpMethod.Post, "/jobs", "{\"topic\": \"payments\", \"workerId\": \"w1\"}"),
        ("cancel", HttpMethod.Delete, _instance, null),
    ];

    [Theory]
    [InlineData("text/plain;x=+json")]
    [InlineData("text/plain; charset=utf-8; profile=application/json")]
    [InlineData("text/x+json")]
    [InlineData("application/jsonp")]
    [InlineData("application/x-json-ish")]
    public async Task Issue13_BodyThatOnlyLooksLikeJson_IsUnsupportedMediaType(string contentType)
    {
        // Arrange
        await ArrangeAsync();

        foreach (var (name, method, url, body) in Changes().Where(c => c.Body is not null))
        {
            // Act
            using var response = await SendAsync(method, url, body, contentType);

            // Assert
            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{name} with {contentType} → {(int)response.StatusCode}");
            Assert.Equal("UNSUPPORTED_MEDIA_TYPE", await CodeOfAsync(response));
        }

        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/hal+json")]
    [InlineData("application/prs.hal-forms+json")]
    [InlineData("application/vnd.example.order+json; v=2")]
    public async Task Issue13_JsonMediaTypes_AreReadAsJson(string contentType)
    {
        // Arrange
        await ArrangeAsync();

        // Act
        using var response = await SendAsync(HttpMethod.Post, "/processes/approval/instances", "{\"amount\": 7}", contentType);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var instance = await HalClient.ReadAsync(response);
        Assert.Equal(7, instance.Property("variables").GetProperty("amount").GetInt32());
    }

    [Theory]
    [InlineData("cross-site", "http://attacker.example")]
    [InlineData("cross-site", null)]
    [InlineData("cross-site", "http://localhost")]
    [InlineData(null, "http://attacker.example")]
    [InlineData(null, "null")]
    [InlineData(null, "https://localhost")]
    [InlineData("same-site", "http://localhost:8080")]
    [InlineData("same-site", null)]
    [InlineData("same-origin", "http://attacker.example")]
    public async Task Issue13_UnsafeRequestFromAnotherSite_IsRefusedWhateverItCarries(string? secFetchSite, string? origin)
    {
        // Arrange
        await ArrangeAsync();

        foreach (var contentType in new[] { "application/json", "text/plain" })
        {
            foreach (var (name, method, url, body) in Changes())
            {
                // Act: with the visitor's cookie and remembered Basic credentials, as a browser would send them.
                using var response = await SendAsync(method, url, body, contentType, ("Sec-Fetch-Site", secFetchSite), ("Origin", origin),
                    ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:secret"))), ("Cookie", "session=visitor"));

                // Assert
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name} ({contentType}, Sec-Fetch-Site {secFetchSite}, Origin {origin}) → {(int)response.StatusCode}");
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal("CROSS_SITE_REQUEST_REFUSED", problem.RootElement.GetProperty("code").GetString());
                Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("context").GetProperty("reason").GetString()));
                Assert.Equal("http://localhost", problem.RootElement.GetProperty("context").GetProperty("expectedOrigin").GetString());
            }
        }

        await AssertNothingChangedAsync();
    }

    [Theory]
    [InlineData("same-origin", "http://localhost")]
    [InlineData("same-site", "http://localhost")]
    [InlineData("none", null)]
    [InlineData(null, "http://localhost")]
    [InlineData(null, "http://LOCALHOST:80")]
    [InlineData(null, null)]
    public async Task Issue13_UnsafeRequestFromOwnPagesOrNoBrowser_IsAccepted(string? secFetchSite, string? origin)
    {
        // Arrange
        await ArrangeAsync();

        // Act
        using var started = await SendAsync(HttpMethod.Post, "/processes/approval/instances", "{\"amount\": 9}", "application/json", ("Sec-Fetch-Site", secFetchSite), ("Origin", origin));
        using var cancelled = await SendAsync(HttpMethod.Delete, _instance, null, null, ("Sec-Fetch-Site", secFetchSite), ("Origin", origin));

        // Assert
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
    }

    [Fact]
    public async Task Issue13_RefusalPage_EncodesTheOriginItEchoes()
    {
        // Arrange: the refusal names the foreign Origin; a browser gets it on an HTML problem page.
        await ArrangeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/processes/approval/instances") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.TryAddWithoutValidation("Origin", "http://x.example\"><script>alert(1)</script>");

        // Act
        using var response = await _server.CreateClient().SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task Issue13_CrossSiteFormPost_IsTakenOnlyWithAValidAntiforgeryToken()
    {
        // Arrange: the visitor has the process page open (its antiforgery cookie is in the browser).
        await ArrangeAsync();
        var browser = new HtmlClient(_server);
        var page = await browser.PageAsync("/processes/approval");
        var token = page.QuerySelector<IHtmlInputElement>("form#start input[name=__RequestVerificationToken]")!.Value;

        // Act
        using var forged = await PostFormAsync(browser, new Dictionary<string, string> { ["amount"] = "1" });
        using var withToken = await PostFormAsync(browser, new Dictionary<string, string> { ["amount"] = "2", ["__RequestVerificationToken"] = token });

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("ANTIFORGERY_TOKEN_INVALID", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(withToken.StatusCode == HttpStatusCode.SeeOther, await withToken.Content.ReadAsStringAsync());
        Assert.Equal(2, (await _hal.GetAsync("/instances")).Property("total").GetInt32());
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HtmlClient browser, Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/processes/approval/instances") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "http://attacker.example");
        return await browser.Http.SendAsync(request);
    }

    /// <summary>One process and one running instance, made by a client that is no browser.</summary>
    private async Task ArrangeAsync()
    {
        await _hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        _instance = (await _hal.StartAsync("approval", new { amount = 5000 })).SelfHref;
    }

    private async Task AssertNothingChangedAsync()
    {
        Assert.Equal(1, (await _hal.GetAsync("/processes")).Property("total").GetInt32());
        Assert.Equal(1, (await _hal.GetAsync("/instances")).Property("total").GetInt32());
        Assert.Equal("running", (await _hal.GetAsync(_instance)).String("state"));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, string? contentType, params (string Name, string? Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/hal+json");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers.Where(h => h.Value is not null))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _hal.Http.SendAsync(request);
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
