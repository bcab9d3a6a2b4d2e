using HypermediaBpm.Server.Tests.Support;
using Microsoft.Playwright;

namespace HypermediaBpm.Browser.Tests;

/// <summary>
/// Issue 16's due dates and sortable lists in Chromium with JavaScript off: ann's inbox says when each task is due and
/// marks the overdue one in words and with an icon; the task list sorts by a column header link.
/// </summary>
public sealed class DueDateTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly ServerFactory _server = BrowserJourneyTests.StartServer();

    private string BaseUrl => _server.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue16_Inbox_ShowsDueDates_AndMarksTheOverdueTaskByTextAndIcon()
    {
        // Arrange: one order was due long ago, one is due in about a month.
        var hal = await People.ArrangeAsync(BaseUrl);
        await hal.DeployAsync(ServerFactory.Fixture("due-review.bpmn"));
        await hal.StartAsync("due-review", new { businessKey = "ORDER-LATE", deadline = "2020-01-01T00:00:00Z" });
        var later = DateTimeOffset.UtcNow.AddDays(30).AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await hal.StartAsync("due-review", new { businessKey = "ORDER-LATER", deadline = later });
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        // Act
        await BrowserJourneyTests.SignInAsync(page, "/tasks", BaseUrl, "ann", ProductJourneyTests.Password);
        await page.ClickAsync("header a.brand");
        var late = page.Locator("li.card", new PageLocatorOptions { HasText = "ORDER-LATE" }).Filter(new LocatorFilterOptions { HasText = "Alpha check" })
            .Filter(new LocatorFilterOptions { HasNotText = "ORDER-LATER" });
        var notLate = page.Locator("li.card", new PageLocatorOptions { HasText = "ORDER-LATER" }).Filter(new LocatorFilterOptions { HasText = "Alpha check" });
        var lateText = await late.Locator(".due").InnerTextAsync();
        var lateIcon = await late.Locator(".due-overdue [aria-hidden=true]").InnerTextAsync();
        var notLateText = await notLate.Locator(".due").InnerTextAsync();
        var notLateOverdue = await notLate.Locator(".due-overdue").CountAsync();
        var datetime = await notLate.Locator(".due time").GetAttributeAsync("datetime");
        await BrowserJourneyTests.Screenshot(page, "40-ann-inbox-due-dates");

        // The task list sorts by due date from its column header.
        await page.GotoAsync(BaseUrl + "/tasks");
        await page.ClickAsync("th a:text-is('Due')");
        var sortedBy = await page.Locator("th[aria-sort]").InnerTextAsync();
        var sortOrder = await page.Locator("th[aria-sort]").GetAttributeAsync("aria-sort");
        var firstRowDue = await page.Locator("table.rows tbody tr").First.Locator("td[data-label=Due]").InnerTextAsync();
        await BrowserJourneyTests.Screenshot(page, "41-ann-tasks-sorted-by-due");

        // Assert
        Assert.Contains("Overdue", lateText, StringComparison.Ordinal);
        Assert.Contains("ago", lateText, StringComparison.Ordinal);
        Assert.Equal("⚠", lateIcon);
        Assert.Contains("due in 30 days", notLateText, StringComparison.Ordinal);
        Assert.Equal(0, notLateOverdue);
        Assert.Equal(later, datetime);
        Assert.StartsWith("Due", sortedBy, StringComparison.Ordinal);
        Assert.Equal("ascending", sortOrder);
        Assert.Contains("Overdue", firstRowDue, StringComparison.Ordinal);
        Assert.Contains("sort=due", page.Url, StringComparison.Ordinal);
    }
}
