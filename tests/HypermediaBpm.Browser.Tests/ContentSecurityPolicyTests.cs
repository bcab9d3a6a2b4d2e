using System.Security;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace HypermediaBpm.Browser.Tests;

/// <summary>
/// Issue 13, findings 1 and 2, in Chromium against the real server (Kestrel on loopback, a real SQLite file): the
/// pages work under their Content-Security-Policy without a single violation, the diagram's shape links still open
/// pages from inside its sandbox, and a model's hostile documentation runs nothing.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    /// <summary>Collects the policy violations of the page (Playwright's init scripts are not subject to the page's policy).</summary>
    private const string ViolationRecorder = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private readonly ServerFactory _server = BrowserJourneyTests.StartServer();
    private readonly TestDirectory _files = new("browser-csp");

    private string BaseUrl => _server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public void Dispose()
    {
        _server.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Issue13_PagesUnderTheirPolicy_ViolateNothingAndAreStyled()
    {
        // Arrange
        var hal = new HalClient(_server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = _server.ClientOptions.BaseAddress }));
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 5000 });
        var task = instance.Embedded("bpm:tasks").First().SelfHref;
        await using var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync(ViolationRecorder);
        var page = await context.NewPageAsync();
        await BrowserJourneyTests.SignInAsync(page, "/processes", BaseUrl);

        foreach (var url in new[] { "/", "/processes", "/processes/approval", "/instances", instance.SelfHref, "/tasks", task, "/docs/api", "/rels/tasks", "/instances/no-such-instance" })
        {
            // Act
            var response = await page.GotoAsync(BaseUrl + url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

            // Assert
            Assert.NotNull(response);
            Assert.StartsWith("default-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal("flex", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('header nav')).display"));
            Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));
        }
    }

    [Fact]
    public async Task Issue13_DiagramShapeLink_OpensItsPageFromInsideTheSandbox()
    {
        // Arrange
        var hal = new HalClient(_server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = _server.ClientOptions.BaseAddress }));
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await BrowserJourneyTests.SignInAsync(page, "/processes", BaseUrl);
        await page.GotoAsync(BaseUrl + "/processes/approval", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var diagram = await DiagramFrameAsync(page, "/processes/approval/diagram.svg");

        // Act
        await diagram.ClickAsync("g[data-element-id=approve] a");
        await page.WaitForURLAsync(BaseUrl + "/tasks?process=approval");

        // Assert
        Assert.Equal("Tasks", await page.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task Issue13_HostileDocumentation_RunsNothingInTheBrowser()
    {
        // Arrange: the model is deployed by upload, as anyone who may deploy would.
        const string markdown = "![pic](/nothing.png){onerror=\"document.title='pwned'\"}\n\n[click-me](javascript:document.title='pwned') [data-me](data:text/html,pwned) <script>document.title='pwned'</script>";
        var model = _files.File("hostile.bpmn");
        await File.WriteAllTextAsync(model, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
              <process id="hostile" name="Hostile" isExecutable="true">
                <documentation>{SecurityElement.Escape(markdown)}</documentation>
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
                <endEvent id="e" />
              </process>
            </definitions>
            """);
        await using var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync(ViolationRecorder);
        var page = await context.NewPageAsync();
        await BrowserJourneyTests.SignInAsync(page, "/processes", BaseUrl);
        await page.SetInputFilesAsync("form#deploy input[type=file]", model);
        await page.ClickAsync("form#deploy button[type=submit]");
        await page.WaitForURLAsync(BaseUrl + "/processes/hostile", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });

        // Act: what a visitor would click.
        await page.ClickAsync("text=click-me");
        await page.ClickAsync("text=data-me");

        // Assert
        Assert.Equal(BaseUrl + "/processes/hostile", page.Url);
        Assert.DoesNotContain("pwned", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[onerror], script, a[href^='javascript'], a[href^='data']").CountAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));
    }

    /// <summary>The frame of the page's diagram <c>&lt;object&gt;</c>, once the browser has attached it (on a loaded machine, after the page's load event).</summary>
    private static async Task<IFrame> DiagramFrameAsync(IPage page, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var frame = page.Frames.SingleOrDefault(f => f.Url.EndsWith(path, StringComparison.Ordinal));
            if (frame is not null)
            {
                await frame.WaitForLoadStateAsync(LoadState.Load);
                return frame;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The page has no frame for {path}: {string.Join(", ", page.Frames.Select(f => f.Url))}");
            await Task.Delay(50);
        }
    }
}
