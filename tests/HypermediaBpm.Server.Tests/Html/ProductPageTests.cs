using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Html;

/// <summary>
/// Issue 16: the pages as a product, through the real pipeline and a real SQLite file — the inbox, the task page, the
/// lists, the operations view, incidents and the diagram replay — and who may see which.
/// </summary>
public sealed class ProductPageTests : IDisposable
{
    /// <summary>A script that refuses large amounts: the incident an operator fixes by changing a variable.</summary>
    private static string ChargeModel => ServerFactory.Fixture("charge-card-limit.bpmn");

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    private HtmlClient BrowserAs(string user)
    {
        var browser = new HtmlClient(_server);
        browser.Http.DefaultRequestHeaders.Authorization = ServerFactory.Basic(user, IdentityTestUsers.Password);
        return browser;
    }

    [Fact]
    public async Task Issue16_Home_ShowsTheClaimableTaskWithBusinessKeyAndAmount_OnlyToItsCandidates()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        await IdentityTestUsers.AddAsync(_server, "carl", "clerks");
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        await hal.StartAsync("approval", new { amount = 2500, reason = "Train to Lyon", businessKey = "ORDER-4711" });

        // Act
        var ann = await BrowserAs("ann").PageAsync("/");
        var carl = await BrowserAs("carl").PageAsync("/");

        // Assert
        Assert.Equal("My work", HtmlClient.TextOf(ann.QuerySelector("h1")));
        var card = Assert.Single(ann.QuerySelectorAll("#section-claimable ~ ul.cards li.card"));
        Assert.Equal("ORDER-4711", HtmlClient.TextOf(card.QuerySelector(".business-key")));
        Assert.Equal("2500", HtmlClient.TextOf(card.QuerySelector("dd[data-name=amount]")));
        Assert.Contains("Approval", card.TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.QuerySelector("form[name=claim] button"));
        Assert.Empty(carl.QuerySelectorAll("li.card"));
        Assert.NotNull(carl.QuerySelector("#section-claimable ~ p.empty"));
        Assert.Null(ann.QuerySelector("header a[href='/operations']"));
    }

    [Fact]
    public async Task Issue16_ClaimFromTheInbox_ShowsTheTaskClaimedWithTheCaseAndOnePrimaryAction()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        await hal.StartAsync("approval", new { amount = 2500, reason = "Train to Lyon", businessKey = "ORDER-4711" });
        var ann = BrowserAs("ann");
        var home = await ann.PageAsync("/");

        // Act
        var claimed = await ann.SubmitAsync(home, "li.card form[name=claim]");
        var task = await ann.PageAsync(HtmlClient.Location(claimed)!);

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, claimed.StatusCode);
        Assert.Contains("claimed by you", HtmlClient.TextOf(task.QuerySelector(".subtitle")), StringComparison.Ordinal);
        Assert.Equal("ORDER-4711", HtmlClient.TextOf(task.QuerySelector(".subtitle .business-key")));
        Assert.Equal("Train to Lyon", HtmlClient.TextOf(task.QuerySelector("dd[data-name=reason]")));
        Assert.Single(task.QuerySelectorAll("main button:not(.secondary):not(.danger)"), b => HtmlClient.TextOf(b) == "Complete");
        Assert.Equal("Give back", HtmlClient.TextOf(task.QuerySelector("form[name=unclaim] button")));
        Assert.NotNull(task.QuerySelector("object[data$='/diagram.svg']"));
        Assert.Contains("Small amounts pass", task.QuerySelector("#section-process")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var history = task.QuerySelector("#section-history")!.ParentElement!;
        Assert.Contains(history.QuerySelectorAll("td[data-label=User]"), cell => HtmlClient.TextOf(cell) == ServerFactory.AdminUser);
        Assert.Contains(history.QuerySelectorAll("td[data-label=User]"), cell => HtmlClient.TextOf(cell) == "ann");
        Assert.Null(task.QuerySelector("main > section.links"));
        Assert.NotNull(task.QuerySelector("details.dev a[rel='bpm:process']"));
    }

    [Fact]
    public async Task Issue16_InstanceList_ReadsLikeAList()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var keyed = await hal.StartAsync("approval", new { amount = 2500, businessKey = "ORDER-4711" });
        var bare = await hal.StartAsync("approval", new { amount = 3000 });

        // Act
        var page = await new HtmlClient(_server).PageAsync("/instances");
        var empty = await new HtmlClient(_server).PageAsync("/instances?businessKey=nothing-like-this");

        // Assert
        var rows = page.QuerySelectorAll("table.rows tbody tr");
        Assert.Equal(2, rows.Length);
        var first = rows.Single(r => r.QuerySelector("th a")!.GetAttribute("href") == keyed.Self);
        Assert.Equal("ORDER-4711", HtmlClient.TextOf(first.QuerySelector("th a")));
        Assert.Equal("Approval", HtmlClient.TextOf(first.QuerySelector("td[data-label=Process]")));
        Assert.Equal(ServerFactory.AdminUser, HtmlClient.TextOf(first.QuerySelector("td[data-label=By]")));
        Assert.Equal("Approve", HtmlClient.TextOf(first.QuerySelector("td[data-label='Active steps']")));
        var second = rows.Single(r => r.QuerySelector("th a")!.GetAttribute("href") == bare.Self);
        Assert.StartsWith("#", HtmlClient.TextOf(second.QuerySelector("th a")), StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("form[name=search]:not(details form)"));
        Assert.Contains("Clear them", HtmlClient.TextOf(empty.QuerySelector("p.empty")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_OperationsView_ShowsCountsAndHeatmapByElementName_ToOperatorsOnly()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "bob", "operators");
        await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        var hal = _server.Hal();
        await hal.DeployAsync(ChargeModel);
        await hal.StartAsync("charge", new { amount = 50_000, businessKey = "ORDER-9" });
        await hal.StartAsync("charge", new { amount = 20 });
        var bob = BrowserAs("bob");

        // Act
        var home = await bob.PageAsync("/");
        var overview = await bob.PageAsync("/operations");
        var process = await bob.PageAsync("/operations/charge");
        var heatmap = await bob.Http.GetStringAsync("/operations/charge/diagram.svg");
        var forbidden = await Task.WhenAll(new[] { "/operations", "/operations/charge", "/operations/charge/diagram.svg" }.Select(u => BrowserAs("ann").GetAsync(u)));

        // Assert
        Assert.NotNull(home.QuerySelector("header a[href='/operations']"));
        var row = Assert.Single(home.QuerySelectorAll("#section-operations ~ div table tbody tr"));
        Assert.Equal("1", HtmlClient.TextOf(row.QuerySelector("td[data-label=Failed]")));
        Assert.Equal("1", HtmlClient.TextOf(overview.QuerySelector("td[data-label=Completed]")));
        var element = Assert.Single(process.QuerySelectorAll("#section-elements ~ div tbody tr"), r => HtmlClient.TextOf(r.QuerySelector("th")) == "Charge the card");
        Assert.Equal("⚠ 1", HtmlClient.TextOf(element.QuerySelector("td[data-label=Incidents]")));
        Assert.Equal("ORDER-9", HtmlClient.TextOf(process.QuerySelector("#section-failed ~ div tbody th a")));
        Assert.Matches("<g class=\"[^\"]*incident[^\"]*\" data-element-id=\"charge-card\"", heatmap);
        Assert.All(forbidden, f => Assert.Equal(HttpStatusCode.Forbidden, f.Response.StatusCode));
    }

    [Fact]
    public async Task Issue16_IncidentRetriedByForm_KeepsTheVariableANumber_AndGiveUpAsksFirst()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "bob", "operators");
        var hal = _server.Hal();
        await hal.DeployAsync(ChargeModel);
        var failed = await hal.StartAsync("charge", new { amount = 50_000 });
        var incidentHref = Assert.Single(failed.Embedded("bpm:incidents")).Self;
        var bob = BrowserAs("bob");
        var page = await bob.PageAsync(incidentHref);
        var giveUp = await bob.PageAsync(page.QuerySelector("a[href$='/give-up']")!.GetAttribute("href")!);

        // Act
        var badly = await bob.SubmitAsync(page, "form#retry", new Dictionary<string, string> { ["amount"] = "a lot" });
        var retried = await bob.SubmitAsync(page, "form#retry", new Dictionary<string, string> { ["amount"] = "500" });

        // Assert
        Assert.Equal("number", page.QuerySelector<IHtmlInputElement>("form#retry input[name=amount]")!.Type);
        Assert.Equal("50000", page.QuerySelector<IHtmlInputElement>("form#retry input[name=amount]")!.Value);
        Assert.NotNull(page.QuerySelector("object[data$='/diagram.svg']"));
        Assert.Null(page.QuerySelector("form[name=resolve]"));
        Assert.Equal("danger", giveUp.QuerySelector("form#resolve button")!.ClassName);
        Assert.Equal((HttpStatusCode)422, badly.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        var instance = await hal.GetAsync(failed.Self);
        Assert.Equal("completed", instance.String("state"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, instance.Property("variables").GetProperty("amount").ValueKind);
        Assert.Equal(500, instance.Property("variables").GetProperty("charged").GetInt32());
    }

    [Fact]
    public async Task Issue16_InstanceDiagram_NamesElementsAndReplaysAStep()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var instance = await hal.StartAsync("approval", new { amount = 2500 });
        var browser = new HtmlClient(_server);
        var now = await browser.PageAsync(instance.Self + "/diagram");
        var firstStep = now.QuerySelector("ol.steps a")!.GetAttribute("href")!;

        // Act
        var then = await browser.PageAsync(firstStep);
        var svg = await browser.Http.GetStringAsync(firstStep.Replace("/diagram?", "/diagram.svg?", StringComparison.Ordinal));

        // Assert
        var facts = HtmlClient.TextOf(now.QuerySelector("dl.props"));
        Assert.Contains("Approve", facts, StringComparison.Ordinal);
        Assert.Contains("Requested → Large?", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("f1", facts, StringComparison.Ordinal);
        Assert.Equal("step", then.QuerySelector("ol.steps a")!.GetAttribute("aria-current"));
        Assert.DoesNotMatch("<g class=\"[^\"]*active[^\"]*\" data-element-id=\"approve\"", svg);
    }
}
