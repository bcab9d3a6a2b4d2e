using HypermediaBpm.Server.Tests.Support;
using Microsoft.Playwright;

namespace HypermediaBpm.Browser.Tests;

/// <summary>
/// Signing in and out with a browser whose JavaScript is off, against the real server on loopback: the login
/// form, the home page, a task completed, sign-out; a wrong password shows the form again with the error.
/// </summary>
public sealed class BrowserSignInTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly ServerFactory _server = BrowserJourneyTests.StartServer();

    private string BaseUrl => _server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Person_SignsInCompletesATaskAndSignsOut_WithJavaScriptOff()
    {
        // Arrange: a task waiting (made through the API as the administrator).
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = ServerFactory.Basic(ServerFactory.AdminUser, ServerFactory.AdminPassword);
        var hal = new HalClient(http);
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 2500, reason = "Train to Lyon" });
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        // Act: the home page sends a signed-out browser to the login form.
        await page.GotoAsync(BaseUrl + "/");
        await page.ClickAsync("a[rel='bpm:login']");
        await page.FillAsync("form[name=login] input[name=username]", ServerFactory.AdminUser);
        await page.FillAsync("form[name=login] input[name=password]", ServerFactory.AdminPassword);
        await BrowserJourneyTests.Screenshot(page, "10-login");
        await BrowserJourneyTests.SubmitAsync(page, "form[name=login] button[type=submit]");
        var home = page.Url;
        var signedIn = await page.Locator("a[rel='bpm:me']").CountAsync();
        await BrowserJourneyTests.Screenshot(page, "11-home-signed-in");

        await page.GotoAsync(BaseUrl + instance.Self);
        await page.CheckAsync("form[name=complete] input[name=approved]");
        await page.FillAsync("form[name=complete] input[name=decidedOn]", "2026-11-21");
        await BrowserJourneyTests.SubmitAsync(page, "form[name=complete] button[type=submit]");
        var state = await page.InnerTextAsync(".subtitle .state");

        await page.GotoAsync(BaseUrl + "/");
        await BrowserJourneyTests.SubmitAsync(page, "form[name=logout] button[type=submit]");
        var afterLogout = page.Url;
        await page.GotoAsync(BaseUrl + "/processes");

        // Assert
        Assert.Equal(BaseUrl + "/", home);
        Assert.Equal(1, signedIn);
        Assert.Contains("completed", state, StringComparison.Ordinal);
        Assert.Equal(BaseUrl + "/login", afterLogout);
        Assert.Equal(BaseUrl + "/login?returnUrl=%2Fprocesses", page.Url);
        var cookies = await context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "hbpm-session");
    }

    [Fact]
    public async Task Person_TypesAWrongPassword_SeesTheFormAgainWithTheError()
    {
        // Arrange
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/tasks");

        // Act
        await page.FillAsync("form[name=login] input[name=username]", ServerFactory.AdminUser);
        await page.FillAsync("form[name=login] input[name=password]", "not-the-password");
        var response = await BrowserJourneyTests.SubmitAsync(page, "form[name=login] button[type=submit]");
        await BrowserJourneyTests.Screenshot(page, "12-login-wrong-password");

        // Assert
        Assert.Equal(401, response.Status);
        Assert.Equal(1, await page.Locator("form[name=login]").CountAsync());
        Assert.Contains("wrong", await page.InnerTextAsync("form[name=login] .error"), StringComparison.Ordinal);
        Assert.Equal(ServerFactory.AdminUser, await page.InputValueAsync("form[name=login] input[name=username]"));
        Assert.Equal(string.Empty, await page.InputValueAsync("form[name=login] input[name=password]"));
        Assert.Equal("/tasks", await page.InputValueAsync("form[name=login] input[name=returnUrl]"));
    }

    [Fact]
    public async Task Person_TypesTenWrongPasswordsInARow_IsAnswered429WithRetryAfter()
    {
        // Arrange
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/tasks");
        var statuses = new List<int>();

        // Act: ten wrong passwords, then the right one.
        for (var i = 0; i < 10; i++)
        {
            await page.FillAsync("form[name=login] input[name=username]", ServerFactory.AdminUser);
            await page.FillAsync("form[name=login] input[name=password]", "wrong-" + i);
            statuses.Add((await BrowserJourneyTests.SubmitAsync(page, "form[name=login] button[type=submit]")).Status);
        }

        await page.FillAsync("form[name=login] input[name=username]", ServerFactory.AdminUser);
        await page.FillAsync("form[name=login] input[name=password]", ServerFactory.AdminPassword);
        var throttled = await BrowserJourneyTests.SubmitAsync(page, "form[name=login] button[type=submit]");
        await BrowserJourneyTests.Screenshot(page, "12-login-throttled");

        // Assert: each wrong one shows the form again; then even the right password waits.
        Assert.All(statuses, status => Assert.Equal(401, status));
        Assert.Equal(429, throttled.Status);
        Assert.NotNull(await throttled.HeaderValueAsync("retry-after"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "hbpm-session");
    }
}
