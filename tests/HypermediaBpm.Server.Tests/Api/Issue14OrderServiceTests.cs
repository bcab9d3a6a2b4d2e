using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// The Go order microservice (<c>POST</c> an order, <c>GET</c> its status, the payment system's webhook) and the
/// Python article's REST endpoint feeding a BPMN message, as plain HTTP clients without <c>Accept</c> call them.
/// </summary>
public sealed class Issue14OrderServiceTests
{
    [Fact]
    public async Task Issue14_OrderPostedToTheProcess_WaitsForPayment_AndTheWebhookMovesIt()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var client = new EnvelopeClient(factory.CreateClient());

        // POST /api/order → the process resource itself starts an order; GET its Location for the status.
        using var ordered = await client.SendAsync(HttpMethod.Post, process.Self, new { orderId = "G-7" });
        var order = await EnvelopeClient.DataAsync(ordered, HttpStatusCode.Created);
        Assert.Equal("running", order.GetProperty("state").GetString());
        var status = await client.GetAsync(ordered.Headers.Location!.ToString());
        Assert.Equal("paid-catch", status.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());

        // The payment system posts form data to the message's webhook, found from / by bpm:messages.
        var webhook = await WebhookApiTests.WebhookFromRootAsync(hal, "order-paid");
        using var paid = await client.Http.PostAsync(webhook.Self,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["orderId"] = "G-7", ["amount"] = "12" }));
        Assert.Equal([ordered.Headers.Location!.ToString()], await WebhookApiTests.EnvelopeLinksAsync(paid, "bpm:instance"));

        // The Python article's endpoint: JSON to the same message, answered with the envelope.
        using var again = await client.SendAsync(HttpMethod.Post, webhook.Self, new { orderId = "G-7" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var after = await client.GetAsync(ordered.Headers.Location!.ToString());
        Assert.Equal("12", after.GetProperty("variables").GetProperty("amount").GetString());
    }
}
