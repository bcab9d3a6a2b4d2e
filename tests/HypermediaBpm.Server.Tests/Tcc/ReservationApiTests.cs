using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>The try-confirm/cancel participant: <c>reserve</c> on a process, then confirm or cancel the participant link.</summary>
public sealed class ReservationApiTests : IDisposable
{
    private readonly ManualClock _clock = new();
    private readonly ServerFactory _server;

    public ReservationApiTests() => _server = new ServerFactory(clock: _clock);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Reserve_StartsNothing_ConfirmStartsTheInstanceOnce()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var process = await hal.GetAsync("/processes/approval");

        // Act
        using var reserved = await hal.SubmitAsync(process, "reserve", new { amount = 5000, businessKey = "claim-7", ttl = 60 });
        var body = await HalClient.ReadAsync(reserved);
        var link = body.Property("participantLink");
        var uri = link.GetProperty("uri").GetString()!;
        var before = await hal.GetAsync("/instances?process=approval");
        using var confirmed = await Tcc.PutAsync(hal.Http, uri);
        using var again = await Tcc.PutAsync(hal.Http, uri);

        // Assert
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var location = reserved.Headers.Location!.OriginalString;
        Assert.EndsWith(location, uri, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(60), link.GetProperty("expires").GetDateTimeOffset());
        Assert.Equal(0, before.Property("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var reservation = await hal.GetAsync(location);
        Assert.Equal("confirmed", reservation.String("state"));
        Assert.Equal(process.Link("bpm:reservations"), reservation.Link("collection"));
        Assert.False(reservation.HasTemplate("confirm"));
        var instance = await hal.FollowAsync(reservation, "bpm:instance");
        Assert.Equal("claim-7", instance.String("businessKey"));
        Assert.Equal(5000, instance.Property("variables").GetProperty("amount").GetInt64());
        Assert.Equal(1, (await hal.GetAsync("/instances?process=approval")).Property("total").GetInt32());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/tcc+json")]
    public async Task Reserve_AnswersTheProtocolBody_InPlainAndTccJson(string accept)
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Post, "/processes/approval/reservations") { Content = JsonContent("""{"amount": 10}""") };
        request.Headers.Accept.ParseAdd(accept);
        using var response = await hal.Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["participantLink"], names);
        Assert.StartsWith("http://localhost/reservations/", doc.RootElement.GetProperty("participantLink").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(5), doc.RootElement.GetProperty("participantLink").GetProperty("expires").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cancel_Then404ForConfirmAndCancel_AndTheReservationShowsCancelled()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var uri = await Tcc.ReserveAsync(hal.Http, "approval", 60);

        // Act
        using var cancelled = await hal.Http.DeleteAsync(uri);
        using var cancelledAgain = await hal.Http.DeleteAsync(uri);
        using var confirm = await Tcc.PutAsync(hal.Http, uri);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelledAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal("RESERVATION_CANCELLED", await Tcc.CodeAsync(confirm));
        Assert.Equal("cancelled", (await hal.GetAsync(uri)).String("state"));
        Assert.Equal(0, (await hal.GetAsync("/instances?process=approval")).Property("total").GetInt32());
    }

    [Fact]
    public async Task Reservation_PastItsExpiry_IsExpired_AndCannotBeConfirmed()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var uri = await Tcc.ReserveAsync(hal.Http, "approval", 60);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var stillReserved = (await hal.GetAsync(uri)).String("state");

        // Act
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var confirm = await Tcc.PutAsync(hal.Http, uri);
        using var cancel = await hal.Http.DeleteAsync(uri);

        // Assert
        Assert.Equal("reserved", stillReserved);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal("RESERVATION_EXPIRED", await Tcc.CodeAsync(confirm));
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        var reservation = await hal.GetAsync(uri);
        Assert.Equal("expired", reservation.String("state"));
        Assert.Empty(reservation.TemplateNames);
        Assert.Equal(0, (await hal.GetAsync("/instances?process=approval")).Property("total").GetInt32());
    }

    [Fact]
    public async Task Reserve_BeyondTheLongestHold_Is422()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));

        // Act
        using var response = await hal.Http.PostAsync("/processes/approval/reservations", JsonContent("""{"amount": 1, "ttl": 3601}"""));

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Reservation_SurvivesARestart_AndStillExpiresOnTime()
    {
        // Arrange: two reservations made by one server process.
        string kept, confirmedAfterRestart;
        var database = _server.DatabasePath;
        using (var first = new ServerFactory(databasePath: database, clock: _clock))
        {
            var hal = first.Hal();
            await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
            kept = await Tcc.ReserveAsync(hal.Http, "approval", 120);
            confirmedAfterRestart = await Tcc.ReserveAsync(hal.Http, "approval", 120);
        }

        // Act: a new server process on the same file.
        using var second = new ServerFactory(databasePath: database, clock: _clock);
        var client = second.Hal();
        var afterRestart = (await client.GetAsync(kept)).String("state");
        using var confirm = await Tcc.PutAsync(client.Http, confirmedAfterRestart);
        _clock.Advance(TimeSpan.FromSeconds(120));
        using var tooLate = await Tcc.PutAsync(client.Http, kept);

        // Assert
        Assert.Equal("reserved", afterRestart);
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tooLate.StatusCode);
        Assert.Equal("expired", (await client.GetAsync(kept)).String("state"));
        Assert.Equal("confirmed", (await client.GetAsync(confirmedAfterRestart)).String("state"));
    }

    [Fact]
    public async Task ProcessReservations_ListsThem_WithTheReserveTemplate()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var uri = await Tcc.ReserveAsync(hal.Http, "approval", 60);

        // Act
        var list = await hal.FollowAsync(await hal.GetAsync("/processes/approval"), "bpm:reservations");

        // Assert
        Assert.Equal(new Uri(uri).AbsolutePath, Assert.Single(list.Embedded("item")).Self);
        Assert.True(list.HasTemplate("reserve"));
    }

    private static StringContent JsonContent(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    [Fact]
    public async Task ReservationEvents_AreEntriesOfTheEventFeed_LinkingTheReservation()
    {
        // Arrange: one reservation confirmed, one cancelled, one left to expire and marked by the sweep.
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var confirmed = await Tcc.ReserveAsync(hal.Http, "approval", 60);
        var cancelled = await Tcc.ReserveAsync(hal.Http, "approval", 60);
        var expired = await Tcc.ReserveAsync(hal.Http, "approval", 10);
        (await Tcc.PutAsync(hal.Http, confirmed)).Dispose();
        (await hal.Http.DeleteAsync(cancelled)).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(11));
        var engine = _server.Services.GetRequiredService<Engine.ProcessEngine>();
        Assert.Equal(1, await engine.ExpireReservationsAsync(100, CancellationToken.None));

        // Act
        var events = (await hal.GetAsync("/")).Links("bpm:feed").Single(l => l.Contains("events", StringComparison.Ordinal));
        var (response, xml) = await Feeds.FeedClient.GetAtomAsync(hal.Http, events);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Feeds.AtomValidator.AssertValidAsync(xml, "event feed with reservations");
        var entries = Feeds.FeedClient.Entries(System.Xml.Linq.XDocument.Parse(xml))
            .Select(e => (Title: e.Element(Feeds.FeedClient.Atom + "title")!.Value, Self: Feeds.FeedClient.LinkOf(e, "self")))
            .ToList();
        string PathOf(string uri) => new Uri(uri).AbsolutePath;
        Assert.Equal(3, entries.Count(e => e.Title.StartsWith("Start reserved", StringComparison.Ordinal)));
        var confirm = Assert.Single(entries, e => e.Title.StartsWith("Reservation confirmed", StringComparison.Ordinal));
        Assert.Equal(PathOf(confirmed), PathOf(confirm.Self!));
        Assert.Equal(PathOf(cancelled), PathOf(Assert.Single(entries, e => e.Title.StartsWith("Reservation cancelled", StringComparison.Ordinal)).Self!));
        Assert.Equal(PathOf(expired), PathOf(Assert.Single(entries, e => e.Title.StartsWith("Reservation expired", StringComparison.Ordinal)).Self!));
        Assert.Single(entries, e => e.Title.StartsWith("Instance started", StringComparison.Ordinal));
    }
}
