using System.Net;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>A person with a browser reserves a start, then confirms or cancels it through the reservation page's forms.</summary>
public sealed class ReservationHtmlTests : IDisposable
{
    private readonly ServerFactory _server = new();
    private readonly HtmlClient _browser;

    public ReservationHtmlTests() => _browser = new HtmlClient(_server);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ReservationPage_ConfirmForm_StartsTheInstance_303()
    {
        // Arrange: reserve through the process page's form.
        await _server.Hal().DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var process = await _browser.PageAsync("/processes/approval");
        using var reserved = await _browser.SubmitAsync(process, "form#reserve", new Dictionary<string, string> { ["amount"] = "2500", ["ttl"] = "60" });
        var location = HtmlClient.Location(reserved)!;
        var page = await _browser.PageAsync(location);
        Assert.NotNull(page.QuerySelector("form#cancel input[name=_method][value=DELETE]"));
        Assert.NotNull(page.QuerySelector("form#confirm input[name=_method][value=PUT]"));

        // Act
        using var confirmed = await _browser.SubmitAsync(page, "form#confirm");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, reserved.StatusCode);
        Assert.StartsWith("/reservations/", location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(location, HtmlClient.Location(confirmed));
        var after = await _browser.PageAsync(location);
        Assert.Null(after.QuerySelector("form#confirm"));
        Assert.NotNull(after.QuerySelector("a[rel='bpm:instance']"));
        Assert.Contains("confirmed", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReservationPage_CancelForm_Cancels_303()
    {
        // Arrange
        await _server.Hal().DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var uri = await Tcc.ReserveAsync(_server.Hal().Http, "approval", 60);
        var page = await _browser.PageAsync(new Uri(uri).AbsolutePath);

        // Act
        using var cancelled = await _browser.SubmitAsync(page, "form#cancel");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        var after = await _browser.PageAsync(new Uri(uri).AbsolutePath);
        Assert.Null(after.QuerySelector("form#cancel"));
        Assert.Contains("cancelled", after.Body!.TextContent, StringComparison.Ordinal);
    }
}
