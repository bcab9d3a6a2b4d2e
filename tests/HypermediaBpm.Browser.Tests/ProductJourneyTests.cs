using HypermediaBpm.Server.Tests.Support;
using Microsoft.Playwright;

namespace HypermediaBpm.Browser.Tests;

/// <summary>
/// Issue 16 in Chromium with JavaScript off, against the real server (Kestrel on loopback, a real SQLite file), as the
/// people who use it: ann (managers) works a task from her inbox; bob (operators) fixes a failed instance from the
/// operations view. Screenshots of each step go to out/screenshots/.
/// </summary>
public sealed class ProductJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    internal const string Password = "people-password-1";

    private readonly ServerFactory _server = BrowserJourneyTests.StartServer();

    private string BaseUrl => _server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue16_Ann_ClaimsTheTaskFromHerInbox_SavesADraft_ComesBack_AndCompletesIt()
    {
        // Arrange: an order waits for a manager.
        var hal = await People.ArrangeAsync(BaseUrl);
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        await hal.StartAsync("approval", new { amount = 2500, reason = "Train to Lyon", businessKey = "ORDER-4711" });
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        // Act: her inbox shows the order by its key and amount.
        await BrowserJourneyTests.SignInAsync(page, "/tasks", BaseUrl, "ann", Password);
        await page.ClickAsync("header a.brand");
        var card = page.Locator("li.card", new PageLocatorOptions { HasText = "ORDER-4711" });
        var amount = await card.Locator("dd[data-name=amount]").InnerTextAsync();
        await BrowserJourneyTests.Screenshot(page, "20-ann-inbox");
        await BrowserJourneyTests.SubmitAsync(page, "li.card form[name=claim] button");
        var claimedState = await page.InnerTextAsync(".subtitle");
        await BrowserJourneyTests.Screenshot(page, "21-ann-task-claimed");

        // She saves a draft of her decision's date (the task's update template, "Save draft").
        await page.FillAsync("form#update input[name=decidedOn]", "2026-11-20");
        await BrowserJourneyTests.SubmitAsync(page, "form#update button[type=submit]");
        await BrowserJourneyTests.Screenshot(page, "21b-ann-draft-saved");

        // She leaves, comes back through her inbox, finds her draft in the form, and completes it.
        await page.GotoAsync(BaseUrl + "/");
        var mine = await page.Locator("#section-mine ~ ul.cards li.card").CountAsync();
        await page.ClickAsync("#section-mine ~ ul.cards li.card h3 a");
        var draft = await page.InputValueAsync("form#complete input[name=decidedOn]");
        var stillClaimed = await page.InnerTextAsync(".subtitle");
        await page.CheckAsync("form#complete input[name=approved]");
        await page.FillAsync("form#complete input[name=decidedOn]", "2026-11-21");
        await BrowserJourneyTests.SubmitAsync(page, "form#complete button[type=submit]");

        // Assert
        Assert.Equal("2500", amount);
        Assert.Contains("claimed by you", claimedState, StringComparison.Ordinal);
        Assert.Equal(1, mine);
        Assert.Equal("2026-11-20", draft);
        Assert.Contains("claimed by you", stillClaimed, StringComparison.Ordinal);
        Assert.Matches(@"/instances/[0-9a-f]+$", page.Url);
        Assert.Contains("completed", await page.InnerTextAsync(".subtitle .state"), StringComparison.Ordinal);
        await page.GotoAsync(BaseUrl + "/");
        Assert.Equal(0, await page.Locator("li.card").CountAsync());
        await BrowserJourneyTests.Screenshot(page, "22-ann-inbox-empty");
    }

    [Fact]
    public async Task Issue16_Bob_SeesTheFailedInstanceInOperations_FixesAVariable_AndRetries()
    {
        // Arrange: a charge over the card limit failed.
        var hal = await People.ArrangeAsync(BaseUrl);
        await hal.DeployAsync(ServerFactory.Fixture("charge-card-limit.bpmn"));
        var failed = await hal.StartAsync("charge", new { amount = 50_000, businessKey = "ORDER-9" });
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        // Act: from his home page to the operations view, the process, the failed instance and its incident.
        await BrowserJourneyTests.SignInAsync(page, "/tasks", BaseUrl, "bob", Password);
        await page.ClickAsync("header a[href='/operations']");
        await BrowserJourneyTests.Screenshot(page, "30-bob-operations");
        await page.ClickAsync("table.rows tbody th a");
        var incidents = await page.Locator("#section-elements ~ div tbody tr", new PageLocatorOptions { HasText = "Charge the card" }).Locator("td[data-label=Incidents]").InnerTextAsync();
        await BrowserJourneyTests.Screenshot(page, "31-bob-heatmap");
        await page.ClickAsync("#section-failed ~ div tbody th a");
        await page.ClickAsync("#section-incidents ~ article h3 a");
        await BrowserJourneyTests.Screenshot(page, "32-bob-incident");
        await page.FillAsync("form#retry input[name=amount]", "500");
        await BrowserJourneyTests.SubmitAsync(page, "form#retry button[type=submit]");

        // Assert
        Assert.Equal("⚠ 1", incidents);
        Assert.Equal(BaseUrl + failed.Self, page.Url);
        Assert.Contains("completed", await page.InnerTextAsync(".subtitle .state"), StringComparison.Ordinal);
        var instance = await hal.GetAsync(failed.Self);
        Assert.Equal(500, instance.Property("variables").GetProperty("amount").GetInt32());
        await BrowserJourneyTests.Screenshot(page, "33-bob-retried");
    }
}
