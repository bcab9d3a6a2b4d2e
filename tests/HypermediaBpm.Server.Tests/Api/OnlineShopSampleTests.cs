using System.Net;
using System.Text;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// The online shop sample (docs/samples/online-shop.bpmn), deployed on first start, end to end over HTTP: paid
/// through its webhook and shipped, or left unpaid until its 24 hour timer cancels it (on a manual clock).
/// </summary>
public sealed class OnlineShopSampleTests
{
    [Fact]
    public async Task Order_PaidThroughTheWebhook_IsShippedByTheWarehouse()
    {
        var clock = new ManualClock();
        using var factory = new ServerFactory(samples: true, clock: clock);
        var hal = factory.Hal();
        var order = await PlaceOrderAsync(hal, "A-1001");
        var other = await PlaceOrderAsync(hal, "A-1002");
        Assert.Equal("A-1001", order.String("businessKey"));
        Assert.Equal("await_payment", ActiveActivity(order));

        // The shop's payment provider calls back: the webhook is linked from the process that waits for it.
        var process = await hal.FollowAsync(order, "bpm:process");
        var webhook = await hal.GetAsync(Assert.Single(process.Links("bpm:messages")));
        Assert.Equal("payment-received", webhook.String("name"));
        using var paid = await WebhookApiTests.PostJsonAsync(hal, webhook, """{"orderId":"A-1001","amount":49}""");
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal([order.Self], (await HalClient.ReadAsync(paid)).Links("bpm:instance"));

        var shipping = await hal.GetAsync(order.Self);
        Assert.Equal("ship", ActiveActivity(shipping));
        Assert.Equal("await_payment", ActiveActivity(await hal.GetAsync(other.Self)));
        var task = Assert.Single(shipping.Embedded("bpm:tasks"));
        Assert.Equal(("Ship order", "warehouse"), (task.String("name"), task.Property("candidateGroups")[0].GetString()));
        using var completed = await hal.SubmitAsync(await hal.GetAsync(task.Self), "complete", new { trackingNumber = "TRK-1" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);

        var done = await hal.GetAsync(order.Self);
        Assert.Equal("completed", done.String("state"));
        Assert.Contains("shipped", await EndedAtAsync(hal, done));

        // The paid order's 24 hour timer went with the payment: a day later only the unpaid order is cancelled.
        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await factory.Scheduler.FireDueAsync(CancellationToken.None));
        Assert.Contains("shipped", await EndedAtAsync(hal, await hal.GetAsync(order.Self)));
        Assert.Contains("cancelled", await EndedAtAsync(hal, await hal.GetAsync(other.Self)));
    }

    [Fact]
    public async Task Order_NotPaidWithin24Hours_IsCancelled_AndALatePaymentFindsNoOne()
    {
        var clock = new ManualClock();
        using var factory = new ServerFactory(samples: true, clock: clock);
        var hal = factory.Hal();
        var order = await PlaceOrderAsync(hal, "B-2001");

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await factory.Scheduler.FireDueAsync(CancellationToken.None));
        Assert.Equal("await_payment", ActiveActivity(await hal.GetAsync(order.Self)));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await factory.Scheduler.FireDueAsync(CancellationToken.None));

        var cancelled = await hal.GetAsync(order.Self);
        Assert.Equal("completed", cancelled.String("state"));
        Assert.Equal("not paid within 24 hours", cancelled.Property("variables").GetProperty("cancelReason").GetString());
        Assert.Equal(["cancel", "cancelled"], (await EndedAtAsync(hal, cancelled)).TakeLast(2));
        var webhook = await WebhookApiTests.WebhookFromRootAsync(hal, "payment-received");
        using var late = await hal.Http.PostAsync(webhook.Self, new FormUrlEncodedContent(new Dictionary<string, string> { ["orderId"] = "B-2001", ["amount"] = "49" }));
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Contains("MESSAGE_NOT_CORRELATED", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HalDocument> PlaceOrderAsync(HalClient hal, string orderId)
    {
        var processes = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes");
        var shop = await hal.GetAsync(Assert.Single(processes.Embedded("item"), p => p.String("key") == "online-shop").Self);
        using var response = await hal.SubmitAsync(shop, "start", new { orderId, amount = 49, customer = "ann" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await HalClient.ReadAsync(response);
    }

    private static string? ActiveActivity(HalDocument instance) =>
        instance.Property("activeActivities").EnumerateArray().Select(a => a.GetProperty("activityId").GetString()).SingleOrDefault();

    /// <summary>The activities the instance passed, in order, from its history.</summary>
    private static async Task<List<string?>> EndedAtAsync(HalClient hal, HalDocument instance)
    {
        var history = await hal.FollowAsync(instance, "bpm:history");
        return history.Embedded("item").Where(e => e.String("type") is "activity-passed" or "activity-completed")
            .Select(e => e.Root.TryGetProperty("activityId", out var id) ? id.GetString() : null).ToList();
    }
}
