using System.Net;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Representations;

/// <summary>
/// Issue 13, finding 2: every answer of the real server — pages, problem pages, 404s, documents, feeds (Atom, or
/// HAL for a browser), diagrams, JSON, the style sheet, redirects, HEAD — carries the security headers that fit its final media type, and no
/// page holds inline style or script that the policy would block.
/// </summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private const string HtmlPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private const string SvgPolicy = "sandbox allow-top-navigation-by-user-activation; frame-ancestors 'self'";
    private const string OtherPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue13_EveryKindOfAnswer_CarriesTheSecurityHeadersOfItsMediaType()
    {
        // Arrange
        var (instance, task) = await ArrangeAsync();
        var html = HtmlClient.BrowserAccept;
        var answers = new (string Method, string Url, string Accept, string Policy)[]
        {
            ("GET", "/", html, HtmlPolicy),
            ("GET", "/processes", html, HtmlPolicy),
            ("GET", "/processes/approval", html, HtmlPolicy),
            ("GET", "/instances", html, HtmlPolicy),
            ("GET", instance, html, HtmlPolicy),
            ("GET", instance + "/history", html, HtmlPolicy),
            ("GET", "/tasks", html, HtmlPolicy),
            ("GET", task, html, HtmlPolicy),
            ("GET", "/docs", html, HtmlPolicy),
            ("GET", "/docs/api", html, HtmlPolicy),
            ("GET", "/rels", html, HtmlPolicy),
            ("GET", "/rels/tasks", html, HtmlPolicy),
            ("GET", "/instances/no-such-instance", html, HtmlPolicy),
            ("GET", "/no/such/page", html, HtmlPolicy),
            ("GET", "/processes/approval/feed", html, HtmlPolicy),
            ("HEAD", "/processes/approval", html, HtmlPolicy),
            ("GET", "/processes/approval/feed", "application/atom+xml", OtherPolicy),
            ("GET", "/feeds/instances.atom", "*/*", OtherPolicy),
            ("GET", "/processes/approval/diagram.svg", html, SvgPolicy),
            ("GET", instance + "/diagram", "image/svg+xml", SvgPolicy),
            ("GET", "/docs/diagrams/expense-approval.svg", html, SvgPolicy),
            ("GET", "/processes/approval.bpmn", "*/*", OtherPolicy),
            ("GET", "/processes/approval.txt", "*/*", OtherPolicy),
            ("GET", "/", "application/json", OtherPolicy),
            ("GET", "/", "application/hal+json", OtherPolicy),
            ("GET", "/instances/no-such-instance", "application/hal+json", OtherPolicy),
            ("PUT", "/", "application/json", OtherPolicy),
            ("GET", "/", "image/png", OtherPolicy),
            ("GET", "/assets/site.css", "text/css,*/*;q=0.1", OtherPolicy),
            ("GET", "/docs/rels/tasks.md", html, OtherPolicy),
            ("GET", "/health", "*/*", OtherPolicy),
        };
        using var http = _server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var (method, url, accept, policy) in answers)
        {
            // Act
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await http.SendAsync(request);

            // Assert
            var what = $"{method} {url} ({accept}) → {(int)response.StatusCode} {response.Content.Headers.ContentType}";
            Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", what);
            Assert.True(Header(response, "Referrer-Policy") == "same-origin", what);
            Assert.True(Header(response, "Content-Security-Policy") == policy, $"{what}: {Header(response, "Content-Security-Policy")}");
        }
    }

    [Fact]
    public async Task Issue13_FormPostRedirect_CarriesTheSecurityHeaders()
    {
        // Arrange
        await ArrangeAsync();
        var browser = new HtmlClient(_server);
        var page = await browser.PageAsync("/processes/approval");

        // Act
        using var response = await browser.SubmitAsync(page, "form#start", new Dictionary<string, string> { ["amount"] = "3" });

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Issue13_HtmlPages_HoldNoInlineStyleOrScript()
    {
        // Arrange
        var (instance, task) = await ArrangeAsync();
        var browser = new HtmlClient(_server);

        foreach (var url in new[] { "/", "/processes", "/processes/approval", "/instances", instance, instance + "/history", instance + "/variables", "/tasks", task, "/docs", "/docs/html", "/rels", "/instances/no-such-instance" })
        {
            // Act
            var (response, page) = await browser.GetAsync(url);

            // Assert
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.True(page.QuerySelectorAll("[style], style, script, svg").Length == 0, $"{url}: inline style, script or SVG");
            Assert.All(page.QuerySelectorAll("link[rel=stylesheet]"), l => Assert.StartsWith("/assets/", l.GetAttribute("href"), StringComparison.Ordinal));
        }
    }

    /// <summary>One process with a running instance and its open task; returns their URIs.</summary>
    private async Task<(string Instance, string Task)> ArrangeAsync()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });
        return (instance.SelfHref, instance.Embedded("bpm:tasks").First().SelfHref);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
