using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>
/// Issue 13, finding 4: the try-confirm/cancel coordinator under the outbound policy and its bounds. A participant in a
/// denied network is never called and is recorded <c>refused</c>; a failed connection is recorded as such, without the
/// system's message; a coordination takes at most <c>Tcc:MaxParticipantLinks</c> links and makes at most
/// <c>Tcc:MaxConcurrentCalls</c> requests at once; a BPMN transaction enlisting more participants is an incident.
/// </summary>
public sealed class CoordinatorOutboundTests
{
    private static DateTimeOffset InAMinute => DateTimeOffset.UtcNow.AddMinutes(1);

    [Fact]
    public async Task Issue13_ParticipantInADeniedNetwork_IsNeverCalled_AndRecordedRefused()
    {
        // Arrange
        await using var denied = new ConnectionCounter(IPAddress.Parse("127.0.0.2"));
        await using var allowed = await TestParticipant.StartAsync();
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Outbound:DeniedNetworks:0"] = "127.0.0.2/32" });
        using var http = server.CreateClient();
        var links = $"[{Tcc.Link(allowed.Uri, InAMinute)}, {Tcc.Link($"http://127.0.0.2:{denied.Port}/try/1", InAMinute)}]";

        // Act
        using var confirm = await Tcc.CoordinateAsync(http, "/transactions/confirm", links);
        using var cancel = await Tcc.CoordinateAsync(http, "/transactions/cancel", links);

        // Assert: the confirm is abandoned (nothing confirmed), the allowed participant cancelled, the denied one untouched.
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        using var problem = JsonDocument.Parse(await confirm.Content.ReadAsStringAsync());
        var participants = problem.RootElement.GetProperty("context").GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal(["cancelled", "refused"], participants.Select(p => p.GetProperty("state").GetString()));
        Assert.Equal(0, allowed.Confirms);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        var record = await RecordAsync(http, problem.RootElement.GetProperty("context").GetProperty("transaction").GetString()!);
        var refused = Assert.Single(record.GetProperty("history").EnumerateArray(), s => s.GetProperty("step").GetString() == "refused");
        Assert.Contains("Outbound:DeniedNetworks", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, denied.Accepted);
    }

    [Fact]
    public async Task Issue13_UnreachableParticipant_IsRecordedAsConnectionFailed_WithoutTheSystemsMessage()
    {
        // Arrange: a port that was listened on and is closed now.
        string unreachable;
        await using (var gone = new ConnectionCounter(IPAddress.Loopback))
        {
            unreachable = $"http://127.0.0.1:{gone.Port}/try/1";
        }

        using var server = new ServerFactory();
        using var http = server.CreateClient();

        // Act
        using var cancel = await Tcc.CoordinateAsync(http, "/transactions/cancel", $"[{Tcc.Link(unreachable, InAMinute)}]");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        var record = await RecordAsync(http, RelatedOf(cancel));
        var failed = Assert.Single(record.GetProperty("history").EnumerateArray(), s => s.GetProperty("step").GetString() == "delete-failed");
        Assert.Equal("connection failed", failed.GetProperty("detail").GetString());
        Assert.DoesNotContain("refused", record.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Issue13_MoreLinksThanTheMaximum_Is400_AndNobodyIsCalled()
    {
        // Arrange: 51 links, one more than the default maximum.
        await using var participant = await TestParticipant.StartAsync();
        using var server = new ServerFactory();
        using var http = server.CreateClient();
        var links = "[" + string.Join(", ", Enumerable.Repeat(Tcc.Link(participant.Uri, InAMinute), 51)) + "]";

        // Act
        using var confirm = await Tcc.CoordinateAsync(http, "/transactions/confirm", links);
        using var cancel = await Tcc.CoordinateAsync(http, "/transactions/cancel", links);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal("PARTICIPANT_LINKS_TOO_MANY", await Tcc.CodeAsync(confirm));
        Assert.Equal((0, 0, 0), (participant.OptionsRequests, participant.Confirms, participant.Cancels));
    }

    [Fact]
    public async Task Issue13_CoordinatorCalls_AreBoundedByMaxConcurrentCalls()
    {
        // Arrange: a participant that holds each cancel a moment and notes how many it holds at once.
        var inFlight = 0;
        var most = 0;
        var calls = 0;
        var (app, baseUri) = await LoopbackApp.StartAsync(a => a.MapDelete("/try/{n:int}", async () =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(150);
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref calls);
            return Results.NoContent();
        }));
        await using var _ = app;
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Tcc:MaxConcurrentCalls"] = "2" });
        using var http = server.CreateClient();
        var links = "[" + string.Join(", ", Enumerable.Range(1, 8).Select(n => Tcc.Link($"{baseUri}/try/{n}", InAMinute))) + "]";

        // Act
        using var cancel = await Tcc.CoordinateAsync(http, "/transactions/cancel", links);

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal(8, calls);
        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public async Task Issue13_TransactionEnlistingMoreThanTheMaximum_IsAnIncident_AndTheOthersAreCancelledWithTheInstance()
    {
        // Arrange: at most two participants; the transaction reserves three times.
        await using var service = await BookingService.StartAsync("R");
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Tcc:MaxParticipantLinks"] = "2" });
        var hal = server.Hal();
        await hal.DeployAsync(ThreeReservations(service.BaseUri));

        // Act
        var started = await hal.StartAsync("three-reservations", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal(("TRANSACTION_PARTICIPANTS_EXCEEDED", "reserve3"), (incident.String("code"), incident.String("activityId")));
        Assert.Contains("Tcc:MaxParticipantLinks", incident.String("message"), StringComparison.Ordinal);
        var history = await hal.FollowAsync(failed, "bpm:history");
        Assert.Equal(2, history.Embedded("item").Count(e => e.String("type") == "participant-enlisted"));
        using var cancelled = await hal.SubmitAsync(await hal.GetAsync(started.Self), "cancel");
        Assert.True(cancelled.IsSuccessStatusCode, cancelled.StatusCode.ToString());
        await service.WaitForAsync("cancelled", "cancelled", "reserved");
    }

    private static string ThreeReservations(string service)
    {
        var tasks = string.Concat(Enumerable.Range(1, 3).Select(n => $"""
            <serviceTask id="reserve{n}">
              <extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
                <camunda:inputOutput>
                  <camunda:inputParameter name="url">{service}/reservations</camunda:inputParameter>
                  <camunda:inputParameter name="method">POST</camunda:inputParameter>
                  <camunda:inputParameter name="payload">{"{}"}</camunda:inputParameter>
                </camunda:inputOutput>
              </camunda:connector></extensionElements>
            </serviceTask>
            <sequenceFlow id="t{n}" sourceRef="{(n == 1 ? "tstart" : $"reserve{n - 1}")}" targetRef="reserve{n}" />
            """));
        return $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
              <process id="three-reservations" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="tx" />
                <transaction id="tx">
                  <startEvent id="tstart" />
                  {tasks}
                  <sequenceFlow id="t4" sourceRef="reserve3" targetRef="tend" />
                  <endEvent id="tend" />
                </transaction>
                <sequenceFlow id="f2" sourceRef="tx" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>
            """;
    }

    private static string RelatedOf(HttpResponseMessage response)
    {
        var link = response.Headers.GetValues("Link").Single(l => l.Contains("rel=\"related\"", StringComparison.Ordinal));
        return link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
    }

    private static async Task<JsonElement> RecordAsync(HttpClient http, string href) => (await new HalClient(http).GetAsync(href)).Root;

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (seen < value)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
