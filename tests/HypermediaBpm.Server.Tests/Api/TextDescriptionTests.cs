using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>text/plain: processes and instances told in sentences.</summary>
public sealed class TextDescriptionTests
{
    [Fact]
    public async Task Process_AsText_TellsStartFormTasksAndBranches()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);

        var text = await GetTextAsync(hal, process.Self);

        Assert.Contains("'Approval' (version 1)", text);
        Assert.Contains("Small amounts pass; large ones need approval.", text);
        Assert.Contains("Starts when someone fills in Amount (a whole number, required), Reason (text).", text);
        Assert.Contains("At 'Large?' one way is taken: if ${amount > 1000}, 'Approve'; otherwise 'Done'.", text);
        Assert.Contains("'Approve' is done by the managers group.", text);
        Assert.Contains("It ends at 'Done'.", text);
    }

    [Fact]
    public async Task Instance_AsText_TellsWhoItWaitsForAndHowItEnded()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);
        var waiting = await WalkthroughTests.StartAsync(hal, process, new { amount = 5000 });
        var done = await WalkthroughTests.StartAsync(hal, process, new { amount = 5 });

        var waitingText = await GetTextAsync(hal, waiting.Self);
        var doneText = await GetTextAsync(hal, done.Self);

        Assert.Contains("of 'Approval' (version 1)", waitingText);
        Assert.Contains("waiting for the managers group to do 'Approve'", waitingText);
        Assert.Contains("Completed", doneText);
        Assert.Contains(waiting.Links("alternate"), l => l.EndsWith(".txt", StringComparison.Ordinal));
    }

    private static async Task<string> GetTextAsync(HalClient hal, string href)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.Accept.ParseAdd("text/plain");
        var response = await hal.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
