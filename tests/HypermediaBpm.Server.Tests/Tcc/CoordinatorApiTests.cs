using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>
/// The try-confirm/cancel coordinator over real HTTP (the server on Kestrel, loopback): confirming and cancelling this
/// server's own reservations and an independent participant, with expiry, retries and a heuristic outcome.
/// </summary>
public sealed class CoordinatorApiTests : IAsyncLifetime
{
    // The coordinator confirms this server's own reservations over HTTP here: a self-call, which the server makes only when allowed.
    private readonly ServerFactory _server = new(settings: new Dictionary<string, string>
    {
        ["Tcc:RetryDelay"] = "00:00:00.050",
        ["Outbound:AllowSelf"] = "true",
    });
    private HttpClient _http = null!;
    private string _confirm = null!;
    private string _cancel = null!;

    public async Task InitializeAsync()
    {
        _server.UseKestrel(0);
        _server.StartServer();
        _http = new HttpClient { BaseAddress = _server.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = ServerFactory.Basic(ServerFactory.AdminUser, ServerFactory.AdminPassword);
        var hal = new HalClient(_http);
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var coordinator = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:transactions");
        _confirm = coordinator.Template("confirm").GetProperty("target").GetString()!;
        _cancel = coordinator.Template("cancel").GetProperty("target").GetString()!;
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _server.Dispose();
        return Task.CompletedTask;
    }

    private static DateTimeOffset In(TimeSpan span) => DateTimeOffset.UtcNow + span;

    [Fact]
    public async Task Confirm_AllParticipantsConfirm_204_AndTheRecordSaysSo()
    {
        // Arrange
        var ours1 = await Tcc.ReserveAsync(_http, "approval", 60);
        var ours2 = await Tcc.ReserveAsync(_http, "approval", 60);
        await using var theirs = await TestParticipant.StartAsync();

        // Act
        using var response = await Tcc.CoordinateAsync(_http, _confirm,
            $"[{Tcc.Link(ours1, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(ours2, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(theirs.Uri, In(TimeSpan.FromMinutes(1)))}]");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("confirmed", await StateAsync(ours1));
        Assert.Equal("confirmed", await StateAsync(ours2));
        Assert.Equal("confirmed", theirs.State);
        Assert.Equal(1, theirs.OptionsRequests);
        var record = await RecordAsync(response);
        Assert.Equal("confirmed", record.GetProperty("state").GetString());
        Assert.All(record.GetProperty("participants").EnumerateArray(), p => Assert.Equal("confirmed", p.GetProperty("state").GetString()));
        Assert.Contains(record.GetProperty("history").EnumerateArray(), s => s.GetProperty("step").GetString() == "options");
    }

    [Fact]
    public async Task Confirm_OneLinkExpiredBeforeConfirm_404_AndTheOthersAreCancelled()
    {
        // Arrange
        var ours = await Tcc.ReserveAsync(_http, "approval", 60);
        await using var theirs = await TestParticipant.StartAsync();

        // Act
        using var response = await Tcc.CoordinateAsync(_http, _confirm,
            $"[{Tcc.Link(ours, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(theirs.Uri, In(TimeSpan.FromSeconds(-1)))}]");
        using var allExpired = await Tcc.CoordinateAsync(_http, _confirm, $"[{Tcc.Link(theirs.Uri, In(TimeSpan.FromSeconds(-1)))}]");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, allExpired.StatusCode);
        Assert.Equal("TRANSACTION_NOT_CONFIRMED", await Tcc.CodeAsync(response));
        Assert.Equal("cancelled", await StateAsync(ours));
        Assert.Equal(0, theirs.Confirms);
        var states = await ParticipantStatesAsync(response);
        Assert.Equal(["cancelled", "expired"], states);
    }

    [Fact]
    public async Task Confirm_ParticipantFailingItsFirstConfirm_IsRetried_204()
    {
        // Arrange
        var ours = await Tcc.ReserveAsync(_http, "approval", 60);
        await using var theirs = await TestParticipant.StartAsync(failingConfirms: 1);

        // Act
        using var response = await Tcc.CoordinateAsync(_http, _confirm,
            $"[{Tcc.Link(ours, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(theirs.Uri, In(TimeSpan.FromMinutes(1)))}]");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, theirs.Confirms);
        Assert.Equal("confirmed", theirs.State);
        var record = await RecordAsync(response);
        var participant = record.GetProperty("participants")[1];
        Assert.Equal(2, participant.GetProperty("attempts").GetInt32());
        Assert.Contains(record.GetProperty("history").EnumerateArray(),
            s => s.GetProperty("step").GetString() == "confirm-failed" && s.GetProperty("detail").GetString() == "500");
    }

    [Fact]
    public async Task Confirm_ParticipantConfirmingTooLate_IsHeuristic409_WithEachOutcome_AndARecord()
    {
        // Arrange: the link says it expires in 800 ms; the participant takes 2 s to answer.
        var ours = await Tcc.ReserveAsync(_http, "approval", 60);
        await using var slow = await TestParticipant.StartAsync(confirmDelay: TimeSpan.FromSeconds(2));

        // Act
        using var response = await Tcc.CoordinateAsync(_http, _confirm,
            $"[{Tcc.Link(ours, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(slow.Uri, In(TimeSpan.FromMilliseconds(800)))}]");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("TRANSACTION_HEURISTIC", await Tcc.CodeAsync(response));
        Assert.Equal(["confirmed", "timed-out"], await ParticipantStatesAsync(response));
        Assert.Equal("confirmed", await StateAsync(ours));
        var heuristic = await new HalClient(_http).GetAsync("/transactions?state=heuristic");
        var record = Assert.Single(heuristic.Embedded("item"));
        Assert.Equal("heuristic", record.String("state"));
        var incidents = await new HalClient(_http).GetAsync("/incidents");
        Assert.Contains("/transactions?state=heuristic", incidents.Links("bpm:transactions"));
    }

    [Fact]
    public async Task Cancel_Is204_EvenWhenAParticipantCannotBeReached()
    {
        // Arrange
        var ours = await Tcc.ReserveAsync(_http, "approval", 60);
        await using var theirs = await TestParticipant.StartAsync();
        var gone = await TestParticipant.StartAsync();
        var unreachable = gone.Uri;
        await gone.DisposeAsync();

        // Act
        using var response = await Tcc.CoordinateAsync(_http, _cancel,
            $"[{Tcc.Link(ours, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(theirs.Uri, In(TimeSpan.FromMinutes(1)))}, {Tcc.Link(unreachable, In(TimeSpan.FromMinutes(1)))}]");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("cancelled", await StateAsync(ours));
        Assert.Equal("cancelled", theirs.State);
        var record = await RecordAsync(response);
        Assert.Equal(["cancelled", "cancelled", "cancel-failed"],
            record.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("state").GetString()));
    }

    [Theory]
    [InlineData("""[{"expires": "2030-01-01T00:00:00Z"}]""")]
    [InlineData("""[{"uri": "http://127.0.0.1:9/x"}]""")]
    [InlineData("""[{"uri": "not a uri", "expires": "2030-01-01T00:00:00Z"}]""")]
    public async Task ConfirmAndCancel_LinkWithoutUriOrExpires_400(string links)
    {
        // Act
        using var confirm = await Tcc.CoordinateAsync(_http, _confirm, links);
        using var cancel = await Tcc.CoordinateAsync(_http, _cancel, links);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal("PARTICIPANT_LINK_INVALID", await Tcc.CodeAsync(confirm));
    }

    private async Task<string> StateAsync(string reservationUri) => (await new HalClient(_http).GetAsync(reservationUri)).String("state");

    /// <summary>The transaction record a <c>204</c> points at (<c>Link: rel="related"</c>).</summary>
    private async Task<JsonElement> RecordAsync(HttpResponseMessage response)
    {
        var link = response.Headers.GetValues("Link").Single(l => l.Contains("rel=\"related\"", StringComparison.Ordinal));
        var href = link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
        return (await new HalClient(_http).GetAsync(href)).Root;
    }

    private static async Task<List<string?>> ParticipantStatesAsync(HttpResponseMessage problem)
    {
        using var doc = JsonDocument.Parse(await problem.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("context").GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("state").GetString()).ToList();
    }
}
