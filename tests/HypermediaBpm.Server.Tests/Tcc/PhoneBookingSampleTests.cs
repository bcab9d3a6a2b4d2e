using System.Net;
using System.Text;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>
/// The phone booking sample (docs/samples/phone-booking.bpmn) end to end: the server on Kestrel with its samples, two
/// participant services of its own (a phone number pool and a billing system, <see cref="BookingService"/>) on
/// loopback. The HTTP tasks inside the transaction reserve from both; the customer's decision, the offer's timer, a
/// fraud report or a cancelled instance decide whether the server confirms or cancels both; a reservation that expired,
/// a confirm that fails once and one that comes too late show the coordinator's retries, its cancellation and its
/// heuristic incident.
/// </summary>
public sealed class PhoneBookingSampleTests : IAsyncLifetime
{
    // One test reserves from this server's own process (an HTTP task and the coordinator calling this server): allowed here.
    private readonly ServerFactory _server = new(samples: true, settings: new Dictionary<string, string>
    {
        ["Tcc:RetryDelay"] = "00:00:00.050",
        ["Outbound:AllowSelf"] = "true",
    });
    private BookingService _phones = null!;
    private BookingService _billing = null!;
    private HttpClient _http = null!;
    private HalClient _hal = null!;

    public async Task InitializeAsync()
    {
        _phones = await BookingService.StartAsync("PN");
        _billing = await BookingService.StartAsync("BA");
        _server.UseKestrel(0);
        _server.StartServer();
        _http = new HttpClient { BaseAddress = _server.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = ServerFactory.Basic(ServerFactory.AdminUser, ServerFactory.AdminPassword);
        _hal = new HalClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _server.Dispose();
        await _phones.DisposeAsync();
        await _billing.DisposeAsync();
    }

    [Fact]
    public async Task CustomerAccepts_BothReservationsAreConfirmed_AndTheLineIsBooked()
    {
        var booking = await BookAsync("ann");
        var offer = await OfferAsync(booking);
        Assert.Equal(["reserved"], _phones.States);
        Assert.Equal(["reserved"], _billing.States);

        await DecideAsync(offer, "accept");

        var done = await EndedAsync(booking, "completed");
        Assert.Contains("line_booked", await PassedAsync(done));
        Assert.Equal(["confirmed"], _phones.States);
        Assert.Equal(["confirmed"], _billing.States);
        Assert.Equal(("PN-1", "BA-1"), (Variable(done, "phoneNumber"), Variable(done, "billingAccount")));
        var history = await HistoryAsync(done);
        Assert.Equal(2, history.Count(e => e.String("type") == "participant-enlisted"));
        var confirmed = Assert.Single(history, e => e.String("type") == "transaction-confirmed");
        var transaction = await _hal.FollowAsync(confirmed, "related");
        Assert.Equal(("confirm", "confirmed"), (transaction.String("operation"), transaction.String("state")));
        Assert.Equal(booking.Self, Assert.Single(transaction.Links("bpm:instance")));
        Assert.All(transaction.Property("participants").EnumerateArray(), p => Assert.Equal("confirmed", p.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task CustomerDeclines_TheCancelEndCancelsBothReservations()
    {
        var booking = await BookAsync("bob");

        await DecideAsync(await OfferAsync(booking), "decline");

        var done = await EndedAsync(booking, "completed");
        Assert.Contains("not_booked", await PassedAsync(done));
        await _phones.WaitForAsync("cancelled");
        await _billing.WaitForAsync("cancelled");
        await HistoryEventAsync(booking, "transaction-cancelled");
    }

    [Fact]
    public async Task FraudReported_TheErrorLeavesTheTransaction_AndBothReservationsAreCancelled()
    {
        var booking = await BookAsync("eve");

        await DecideAsync(await OfferAsync(booking), "report");

        var done = await EndedAsync(booking, "completed");
        Assert.Contains("booking_refused", await PassedAsync(done));
        await _phones.WaitForAsync("cancelled");
        await _billing.WaitForAsync("cancelled");
    }

    [Fact]
    public async Task OfferExpires_TheTimerBoundaryCancelsBothReservations()
    {
        // Long enough that both reservation calls (inside the same transaction) are made before the offer lapses, even on a loaded machine.
        var booking = await BookAsync("dan", offerTimeout: "PT4S");
        await OfferAsync(booking);

        var done = await EndedAsync(booking, "completed");

        Assert.Contains("offer_lapsed", await PassedAsync(done));
        await _phones.WaitForAsync("cancelled");
        await _billing.WaitForAsync("cancelled");
    }

    [Fact]
    public async Task InstanceCancelled_BothReservationsAreCancelled()
    {
        var booking = await BookAsync("fay");
        await OfferAsync(booking);

        using var cancelled = await _hal.SubmitAsync(await _hal.GetAsync(booking.Self), "cancel");
        Assert.True(cancelled.IsSuccessStatusCode, cancelled.StatusCode.ToString());

        Assert.Equal("terminated", (await _hal.GetAsync(booking.Self)).String("state"));
        await _phones.WaitForAsync("cancelled");
        await _billing.WaitForAsync("cancelled");
        await HistoryEventAsync(booking, "transaction-cancelled");
    }

    [Fact]
    public async Task BillingReservationExpiredBeforeTheConfirm_NothingIsBooked_AndThePhoneNumberIsCancelled()
    {
        _billing.Ttl = TimeSpan.FromSeconds(1);
        var booking = await BookAsync("gil");
        var offer = await OfferAsync(booking);
        await _billing.WaitForAsync("expired");

        await DecideAsync(offer, "accept");

        var done = await EndedAsync(booking, "completed");
        Assert.Contains("not_booked", await PassedAsync(done));
        await _phones.WaitForAsync("cancelled");
        Assert.Equal(0, _billing.ConfirmRequests);
        var outcome = await HistoryEventAsync(booking, "transaction-cancelled");
        Assert.Equal("cancelled", (await _hal.FollowAsync(outcome, "related")).String("state"));
    }

    [Fact]
    public async Task BillingFailsItsFirstConfirm_TheConfirmIsRetried_AndTheLineIsBooked()
    {
        _billing.FailingConfirms = 1;
        var booking = await BookAsync("hal");

        await DecideAsync(await OfferAsync(booking), "accept");

        var done = await EndedAsync(booking, "completed");
        Assert.Contains("line_booked", await PassedAsync(done));
        Assert.Equal(["confirmed"], _billing.States);
        Assert.Equal(2, _billing.ConfirmRequests);
    }

    [Fact]
    public async Task BillingConfirmsTooLate_TheOutcomeIsHeuristic_AnIncidentUntilAPersonResolvesIt()
    {
        _billing.Ttl = TimeSpan.FromSeconds(2);
        _billing.ConfirmDelay = TimeSpan.FromSeconds(4);
        var booking = await BookAsync("ivy");

        await DecideAsync(await OfferAsync(booking), "accept");

        var failed = await EndedAsync(booking, "failed");
        Assert.Equal(["confirmed"], _phones.States);
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal(("TRANSACTION_HEURISTIC", "book"), (incident.String("code"), incident.String("activityId")));
        var outcome = await HistoryEventAsync(booking, "transaction-heuristic");
        var transaction = await _hal.FollowAsync(outcome, "related");
        Assert.Equal("heuristic", transaction.String("state"));
        Assert.Equal(["confirmed", "timed-out"], transaction.Property("participants").EnumerateArray().Select(p => p.GetProperty("state").GetString()));

        // A person reconciled the billing system by hand: resolving the incident books the line.
        using var resolved = await _hal.SubmitAsync(incident, "resolve");
        Assert.True(resolved.IsSuccessStatusCode, resolved.StatusCode.ToString());
        Assert.Contains("line_booked", await PassedAsync(await EndedAsync(booking, "completed")));
    }

    [Fact]
    public async Task AReservationOfThisServersOwnProcess_IsAParticipantToo_AndConfirmingItStartsTheInstance()
    {
        await _hal.DeployAsync("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="number-allocation" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="assign" />
                <userTask id="assign" name="Assign the number" />
                <sequenceFlow id="f2" sourceRef="assign" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>
            """);
        // HTTP tasks never forward anyone's credentials: like any client of this server, the model signs in with a
        // token of its own, here one of a user who may start (so reserve) number-allocation, from a start variable.
        var participants = await _hal.FollowAsync(await _hal.GetAsync("/"), "bpm:participants");
        using var added = await _hal.SubmitAsync(participants, "add", new { kind = "user", id = "booking-service", password = Identity.IdentityTestUsers.Password });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var serviceHttp = new HttpClient { BaseAddress = _server.ClientOptions.BaseAddress };
        serviceHttp.DefaultRequestHeaders.Authorization = ServerFactory.Basic("booking-service", Identity.IdentityTestUsers.Password);
        var service = new HalClient(serviceHttp);
        using var token = await service.SubmitAsync(await service.GetAsync("/me/tokens"), "create-token", new { name = "phone-booking", expiresIn = "P1D" });
        var secret = (await HalClient.ReadAsync(token)).String("secret");
        var sample = await _hal.GetAsync("/processes/phone-booking");
        var withHeader = sample.String("bpmn_xml").Replace(
            "<camunda:inputParameter name=\"url\">${phoneService}/reservations</camunda:inputParameter>",
            "<camunda:inputParameter name=\"url\">${phoneService}/reservations</camunda:inputParameter>" +
            "<camunda:inputParameter name=\"headers\"><camunda:map><camunda:entry key=\"Authorization\">Bearer ${phoneServiceToken}</camunda:entry></camunda:map></camunda:inputParameter>",
            StringComparison.Ordinal);
        Assert.NotEqual(sample.String("bpmn_xml"), withHeader);
        using var edited = await _hal.SubmitAsync(sample, "edit", new { bpmn_xml = withHeader });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var ownProcess = _server.ClientOptions.BaseAddress.AbsoluteUri.TrimEnd('/') + "/processes/number-allocation";
        var booking = await BookAsync("jon", phoneService: ownProcess, phoneServiceToken: secret);

        await DecideAsync(await OfferAsync(booking), "accept");

        await EndedAsync(booking, "completed");
        var allocation = await _hal.GetAsync("/processes/number-allocation");
        var instances = await _hal.FollowAsync(allocation, "bpm:instances");
        var started = Assert.Single(instances.Embedded("item"));
        Assert.Equal("running", started.String("state"));
        Assert.Equal(["confirmed"], _billing.States);
    }

    private async Task<HalDocument> BookAsync(string customer, string offerTimeout = "PT10M", string? phoneService = null, string? phoneServiceToken = null)
    {
        var process = await _hal.GetAsync("/processes/phone-booking");
        using var response = await _hal.SubmitAsync(process, "start", phoneServiceToken is null
            ? new { customer, phoneService = phoneService ?? _phones.BaseUri, billingService = _billing.BaseUri, offerTimeout }
            : new { customer, phoneService = phoneService ?? _phones.BaseUri, billingService = _billing.BaseUri, offerTimeout, phoneServiceToken });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await HalClient.ReadAsync(response);
    }

    /// <summary>The customer's task, once both HTTP tasks reserved (they run after the start was answered).</summary>
    private async Task<HalDocument> OfferAsync(HalDocument booking)
    {
        var task = await Eventually.FindAsync(
            async () => (await _hal.GetAsync(booking.Self)).Embedded("bpm:tasks").FirstOrDefault(),
            () => "The offer task did not appear.");
        Assert.Equal("customer_decides", task.String("activityId"));
        return await _hal.GetAsync(task.Self);
    }

    private async Task DecideAsync(HalDocument task, string decision)
    {
        using var response = await _hal.SubmitAsync(task, "complete", new { decision });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits for the instance's state: the coordinator reports after the step that completed the transaction.</summary>
    private Task<HalDocument> EndedAsync(HalDocument booking, string state) => Eventually.StateAsync(_hal, booking.Self, state);

    private async Task<List<HalDocument>> HistoryAsync(HalDocument instance) =>
        (await _hal.FollowAsync(instance, "bpm:history")).Embedded("item").ToList();

    /// <summary>Waits for a history event of the type (a cancel's outcome is recorded after the instance went on).</summary>
    private Task<HalDocument> HistoryEventAsync(HalDocument booking, string type) =>
        Eventually.FindAsync(async () => (await HistoryAsync(await _hal.GetAsync(booking.Self))).FirstOrDefault(e => e.String("type") == type),
            () => $"No {type} in the history.");

    private async Task<List<string>> PassedAsync(HalDocument instance) =>
        (await HistoryAsync(instance)).Where(e => e.String("type") is "activity-passed" or "activity-completed").Select(e => e.String("activityId")).ToList();

    private static string? Variable(HalDocument instance, string name) => instance.Property("variables").GetProperty(name).GetString();
}
