using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Playwright;

namespace HypermediaBpm.Browser.Tests;

/// <summary>
/// A person with a browser and JavaScript switched off does the whole job against the real server (Kestrel
/// on loopback, a real SQLite file): deploy by file upload, start through the start form, complete the task
/// through its form, see the instance completed; and a bad submission comes back with the error next to the
/// field. Screenshots of each step are kept in out/screenshots/.
/// </summary>
public sealed class BrowserJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly ServerFactory _server = StartServer();
    private readonly TestDirectory _files = new("browser");

    private string BaseUrl => _server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public void Dispose()
    {
        _server.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Person_DeploysStartsAndCompletes_WithJavaScriptOff()
    {
        // Arrange
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var model = _files.File("approval.bpmn");
        await File.WriteAllTextAsync(model, ServerFactory.Fixture("approval.bpmn"));

        // Signed out, the process list sends the browser to the login page, which comes back to it.
        await SignInAsync(page, "/processes");

        // Deploy by file upload from the process list.
        await page.SetInputFilesAsync("form#deploy input[type=file]", model);
        await Screenshot(page, "01-deploy-form");
        var deployed = await SubmitAsync(page, "form#deploy button[type=submit]");
        Assert.Equal(BaseUrl + "/processes/approval", page.Url);
        Assert.Equal(200, deployed.Status);
        Assert.Equal("Approval", await page.InnerTextAsync("h1"));
        await Screenshot(page, "02-process");

        // Start through the start form.
        await page.FillAsync("form#start input[name=amount]", "2500");
        await page.FillAsync("form#start input[name=reason]", "Train to Lyon");
        await SubmitAsync(page, "form#start button[type=submit]");
        Assert.Matches(@"/instances/[0-9a-f]+$", page.Url);
        var instanceUrl = page.Url;
        Assert.Contains("running", await page.InnerTextAsync(".subtitle .state"), StringComparison.Ordinal);
        await Screenshot(page, "03-instance-running");

        // Complete the task through its form on the instance page.
        await page.CheckAsync("form[name=complete] input[name=approved]");
        await page.FillAsync("form[name=complete] input[name=decidedOn]", "2026-11-21");
        await SubmitAsync(page, "form[name=complete] button[type=submit]");

        // Assert
        Assert.Equal(instanceUrl, page.Url);
        Assert.Contains("completed", await page.InnerTextAsync(".subtitle .state"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form[name=complete]").CountAsync());
        await Screenshot(page, "04-instance-completed");
    }

    [Fact]
    public async Task Person_SubmitsBadInput_SeesTheErrorNextToTheField()
    {
        // Arrange
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var broken = _files.File("broken.bpmn");
        await File.WriteAllTextAsync(broken, "<?xml version=\"1.0\"?>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"t\">\n  <process id=\"p\" isExecutable=\"true\">\n    <task id=\"lonely\" />\n  </process>\n</definitions>");
        await SignInAsync(page, "/processes");
        await page.SetInputFilesAsync("form#deploy input[type=file]", broken);

        // Act
        var response = await SubmitAsync(page, "form#deploy button[type=submit]");

        // Assert
        Assert.Equal(422, response.Status);
        var field = page.Locator("form#deploy .field", new PageLocatorOptions { Has = page.Locator("textarea[name=bpmn_xml]") });
        var error = field.Locator("p.error").First;
        Assert.Matches(@"line \d+, column \d+", await error.InnerTextAsync());
        Assert.Equal("true", await page.GetAttributeAsync("form#deploy textarea[name=bpmn_xml]", "aria-invalid"));
        Assert.True(await error.IsVisibleAsync());
        await Screenshot(page, "05-bad-input");
    }

    /// <summary>Opens <paramref name="path"/> signed out, lands on the login page, signs in as the administrator and is sent back.</summary>
    internal static Task SignInAsync(IPage page, string path, string baseUrl) =>
        SignInAsync(page, path, baseUrl, ServerFactory.AdminUser, ServerFactory.AdminPassword);

    /// <summary>Opens <paramref name="path"/> signed out, lands on the login page, signs in as <paramref name="user"/> and is sent back.</summary>
    internal static async Task SignInAsync(IPage page, string path, string baseUrl, string user, string password)
    {
        await page.GotoAsync(baseUrl + path);
        Assert.StartsWith(baseUrl + "/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("form[name=login] input[name=username]", user);
        await page.FillAsync("form[name=login] input[name=password]", password);
        await SubmitAsync(page, "form[name=login] button[type=submit]");
        Assert.Equal(baseUrl + path, page.Url);
    }

    private Task SignInAsync(IPage page, string path) => SignInAsync(page, path, BaseUrl);

    /// <summary>
    /// Clicks a submit button and waits for the page the browser ends on (after a 303, the page redirected to): the
    /// final navigation response, the main frame's commit of that document, then the document parsed to the end. Every
    /// page ends with the layout's footer, so the footer being there is the end of the document. No load state is waited
    /// for: on a loaded machine the load event can fire before a wait for it begins, and <c>WaitForURLAsync</c> waits for
    /// one whenever the URL already matches (the same form posted twice), which hung a test for its whole timeout.
    /// </summary>
    internal static async Task<IResponse> SubmitAsync(IPage page, string button)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                committed.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            var response = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Status != 303);
            await page.ClickAsync(button);
            var final = await response;
            await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await page.Locator("body > footer").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            return final;
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
    }

    internal static ServerFactory StartServer()
    {
        var server = new ServerFactory();
        server.UseKestrel(0);
        server.StartServer();
        return server;
    }

    internal static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "out", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
