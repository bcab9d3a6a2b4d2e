using System.Net;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Message webhooks through the real pipeline: another system posts its payload to the message's own resource,
/// found from "/" (bpm:messages, item) or from the process (bpm:messages), never built by hand.
/// </summary>
public sealed class WebhookApiTests
{
    [Fact]
    public async Task Webhook_JsonPayload_ReachesTheOrderNamedByItsKeyField_AndNoOther()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var first = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "A-1" } }));
        var second = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "B-2" } }));
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        using var response = await PostJsonAsync(hal, webhook, """{"orderId":"A-1","amount":49,"paidBy":"card"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await HalClient.ReadAsync(response);
        Assert.Equal([first.Self], answer.Links("bpm:instance"));
        var reached = await hal.GetAsync(first.Self);
        Assert.Equal("ship", reached.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.Equal(49, reached.Root.GetProperty("variables").GetProperty("amount").GetInt64());
        Assert.Equal("card", reached.Root.GetProperty("variables").GetProperty("paidBy").GetString());
        var untouched = await hal.GetAsync(second.Self);
        Assert.Equal("paid-catch", untouched.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.False(untouched.Root.GetProperty("variables").TryGetProperty("amount", out _));
    }

    [Fact]
    public async Task Webhook_FormPayloadFromAServer_Is200AndReachesTheOrder()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var other = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "A-1" } }));
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "B-2" } }));
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        // A shop's server posts a plain form, as curl -d does: no Origin, no cookie, so it is not a browser.
        using var response = await hal.Http.PostAsync(webhook.Self,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["orderId"] = "B-2", ["amount"] = "12" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([waiting.Self], await EnvelopeLinksAsync(response, "bpm:instance"));
        var reached = await hal.GetAsync(waiting.Self);
        Assert.Equal("ship", reached.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.Equal("12", reached.Root.GetProperty("variables").GetProperty("amount").GetString());
        Assert.Equal("paid-catch", (await hal.GetAsync(other.Self)).Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
    }

    [Fact]
    public async Task Webhook_KeyInTheQuery_WinsOverTheBody()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "Q-1" } }));
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        using var response = await hal.Http.PostAsync(webhook.Self + "?correlationKey=Q-1",
            new StringContent("""{"orderId":"someone-else","note":"by query"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([waiting.Self], await EnvelopeLinksAsync(response, "bpm:instance"));
    }

    [Fact]
    public async Task Webhook_UnknownOrder_Is404MessageNotCorrelated()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "A-1" } }));
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        using var response = await PostJsonAsync(hal, webhook, """{"orderId":"Z-9","amount":1}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MESSAGE_NOT_CORRELATED", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("Z-9", problem.RootElement.GetProperty("context").GetProperty("correlationKey").GetString());
        Assert.Equal("paid-catch", (await hal.GetAsync(waiting.Self)).Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
    }

    [Fact]
    public async Task Webhook_NoKeyAnywhere_Is422NamingTheFieldsItLooksIn_AndReachesNoOne()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "A-1" } }));
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        using var response = await PostJsonAsync(hal, webhook, """{"amount":1}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CORRELATION_KEY_MISSING", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("'orderId'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("paid-catch", (await hal.GetAsync(waiting.Self)).Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
    }

    [Fact]
    public async Task Webhook_WithTtlBeforeTheOrderExists_Is202ThenDeliveredWhenTheOrderStarts()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        using var response = await hal.Http.PostAsync(webhook.Self + "?ttl=PT1H",
            new StringContent("""{"orderId":"E-1","amount":7}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var buffered = await hal.GetAsync(response.Headers.Location!.ToString());
        Assert.Equal(("order-paid", "E-1"), (buffered.String("name"), buffered.String("correlationKey")));
        var started = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "E-1" } }));
        Assert.Equal("ship", started.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.Equal(7, started.Root.GetProperty("variables").GetProperty("amount").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await hal.Http.GetAsync(buffered.Self)).StatusCode);
    }

    [Fact]
    public async Task MessageResource_SaysWhoWaitsHowManyAndWhichFieldIsTheKey()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        await hal.SubmitAsync(process, "start", new { variables = new { orderId = "A-1" } });
        await hal.SubmitAsync(process, "start", new { variables = new { orderId = "B-2" } });

        var webhook = await hal.GetAsync(Assert.Single(process.Links("bpm:messages")));

        Assert.Equal(("order-paid", 2), (webhook.String("name"), webhook.Property("waiting").GetInt32()));
        Assert.Equal(["message-catch-key"], webhook.Property("waitingProcesses").EnumerateArray().Select(e => e.GetString()));
        var receiver = Assert.Single(webhook.Property("receivers").EnumerateArray());
        Assert.Equal(("paid-catch", "=orderId"), (receiver.GetProperty("activityId").GetString(), receiver.GetProperty("correlationKey").GetString()));
        Assert.Equal(["correlationKey", "orderId", "businessKey"], webhook.Property("correlationFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["A-1", "B-2"], webhook.Embedded("item").Select(s => s.String("correlationKey")));
        Assert.Equal([process.Self], webhook.Links("bpm:process"));
        var send = webhook.Template("send");
        Assert.Equal(webhook.Self, send.GetProperty("target").GetString());
        Assert.Equal(["orderId", "variables"], send.GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task MessageResource_NoModelUsesTheName_Is404()
    {
        using var factory = new ServerFactory();

        using var response = await factory.CreateClient().GetAsync("/messages/nobody-waits");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("MESSAGE_NOT_FOUND", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageResource_HtmlPage_HasTheSendForm_AndABrowserPostIsRedirectedToTheInstance()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await MessageApiTests.DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "H-1" } }));
        var browser = new HtmlClient(factory);
        var webhook = await WebhookFromRootAsync(hal, "order-paid");

        var page = await browser.PageAsync(webhook.Self);
        var form = page.QuerySelector("form#send[name=send]");
        Assert.NotNull(form);
        Assert.Equal(webhook.Self, form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=orderId][required]"));
        Assert.NotNull(form.QuerySelector("textarea[name=variables]"));
        Assert.NotNull(page.QuerySelector($"table a[href='{process.Self}']"));
        Assert.Contains(page.QuerySelectorAll("table td"), td => td.TextContent.Trim() == "H-1");
        var response = await browser.SubmitAsync(page, "form#send", new Dictionary<string, string> { ["orderId"] = "H-1", ["variables"] = """{"amount": 5}""" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(waiting.Self, HtmlClient.Location(response));
        var reached = await hal.GetAsync(waiting.Self);
        Assert.Equal(5, reached.Root.GetProperty("variables").GetProperty("amount").GetInt64());
        Assert.Equal("ship", reached.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
    }

    /// <summary>From "/": bpm:messages, then the item named <paramref name="name"/>.</summary>
    internal static async Task<HalDocument> WebhookFromRootAsync(HalClient hal, string name)
    {
        var messages = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages");
        var item = Assert.Single(messages.Embedded("item"), m => m.String("name") == name);
        Assert.Contains(item.Self, messages.Links("item"));
        return await hal.GetAsync(item.Self);
    }

    /// <summary>
    /// The hrefs of one relation in a <c>{"data": …}</c> answer: what a server posting without <c>Accept</c> (curl -d,
    /// a payment system's webhook call) gets back.
    /// </summary>
    internal static async Task<List<string>> EnvelopeLinksAsync(HttpResponseMessage response, string rel)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var value = doc.RootElement.GetProperty("data").GetProperty("links").GetProperty(rel);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [value.GetString()!];
    }

    internal static Task<HttpResponseMessage> PostJsonAsync(HalClient hal, HalDocument webhook, string json) =>
        hal.SubmitAsync(webhook, "send", null, request => request.Content = new StringContent(json, Encoding.UTF8, "application/json"));
}
