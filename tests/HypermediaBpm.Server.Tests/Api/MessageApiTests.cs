using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>Messages through the real pipeline: a client that knows "/" and the names bpm:messages and send.</summary>
public sealed class MessageApiTests
{
    [Fact]
    public async Task Send_FromRoot_ReachesTheWaitingInstanceAndLinksIt()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "A-1" } }));

        // The instance lists what it waits for and offers send with its key filled in.
        var waits = await hal.FollowAsync(waiting, "bpm:messages");
        var item = Assert.Single(waits.Embedded("item"));
        Assert.Equal(("message", "order-paid", "A-1"), (item.String("kind"), item.String("name"), item.String("correlationKey")));
        var send = waits.Template("send");
        Assert.Equal("A-1", send.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "correlationKey").GetProperty("value").GetString());

        var messages = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages");
        Assert.Single(messages.Embedded("item"));
        var response = await hal.SubmitAsync(messages, "send", new { name = "order-paid", correlationKey = "A-1", variables = new { paidAt = "today" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await HalClient.ReadAsync(response);
        Assert.Equal([waiting.Self], answer.Links("bpm:instance"));
        var reached = await hal.FollowAsync(answer, "bpm:instance");
        Assert.Equal("today", reached.Root.GetProperty("variables").GetProperty("paidAt").GetString());
        Assert.Equal("ship", reached.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.False((await hal.FollowAsync(reached, "bpm:messages")).HasTemplate("send"));
    }

    [Fact]
    public async Task WaitingInstance_AsTextAndHistory_SaysWhatItWaitsForAndWhatItReceived()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "T-1" } }));

        var text = await hal.Http.GetStringAsync(waiting.Self + ".txt");
        await hal.SubmitAsync(await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages"), "send", new { name = "order-paid", correlationKey = "T-1" });
        var history = await hal.FollowAsync(await hal.GetAsync(waiting.Self), "bpm:history");

        Assert.Contains("waiting for message 'order-paid' at 'Paid'", text, StringComparison.Ordinal);
        var received = Assert.Single(history.Embedded("item"), e => e.String("type") == "event-received");
        Assert.Equal(("paid-catch", "message", "order-paid"), (received.String("activityId"),
            received.Root.GetProperty("data").GetProperty("kind").GetString(), received.Root.GetProperty("data").GetProperty("name").GetString()));
        var entry = new Engine.Persistence.HistoryEvent(1, "i", "p", "event-received", "paid-catch", "Paid", null, null, DateTimeOffset.UnixEpoch, "{\"kind\":\"message\"}");
        Assert.Equal("'Paid' received its message", Resources.HistoryResources.Describe(entry));
    }

    [Fact]
    public async Task Send_NoOneWaits_Is404MessageNotCorrelated()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var messages = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages");

        var response = await hal.SubmitAsync(messages, "send", new { name = "order-paid", correlationKey = "nobody" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("MESSAGE_NOT_CORRELATED", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("nobody", problem.RootElement.GetProperty("context").GetProperty("correlationKey").GetString());
    }

    [Fact]
    public async Task Send_OnlyASuspendedInstanceWaits_Is409()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await DeployAsync(hal, "message-catch-key.bpmn");
        var waiting = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "S-1" } }));
        var suspended = await HalClient.ReadAsync(await hal.SubmitAsync(waiting, "suspend"));
        Assert.False((await hal.FollowAsync(suspended, "bpm:messages")).HasTemplate("send"));

        var messages = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages");
        var response = await hal.SubmitAsync(messages, "send", new { name = "order-paid", correlationKey = "S-1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("INSTANCE_SUSPENDED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"correlationKey\":\"k\"}", "name")]
    [InlineData("{\"name\":\"m\",\"ttl\":\"soon\"}", "ttl")]
    [InlineData("{\"name\":\"m\",\"variables\":[1,2]}", "variables")]
    public async Task Send_BadInput_Is422NamingTheField(string body, string field)
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient();

        var response = await client.PostAsync("/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"field\":\"{field}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithTtlAndNoOneWaiting_Is202ThenDeliveredToTheNextSubscriber()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await DeployAsync(hal, "message-catch-key.bpmn");
        var messages = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:messages");

        var response = await hal.SubmitAsync(messages, "send", new { name = "order-paid", correlationKey = "B-2", ttl = "PT1H", variables = new { early = true } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var buffered = await hal.GetAsync(response.Headers.Location!.ToString());
        Assert.Equal("order-paid", buffered.String("name"));
        Assert.True(buffered.Root.GetProperty("variables").GetProperty("early").GetBoolean());

        var instance = await HalClient.ReadAsync(await hal.SubmitAsync(process, "start", new { variables = new { orderId = "B-2" } }));
        Assert.True(instance.Root.GetProperty("variables").GetProperty("early").GetBoolean());
        Assert.Equal("ship", instance.Root.GetProperty("activeActivities")[0].GetProperty("activityId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await hal.Http.GetAsync(buffered.Self)).StatusCode);
    }

    [Fact]
    public async Task Send_HtmlForm_StartsByMessageAndRedirectsToTheInstance()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var xml = await File.ReadAllTextAsync(Path.Combine(Corpus.Root, "execute", "camunda-MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn"));
        var deployed = await hal.SubmitAsync(await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes"), "deploy", new { name = "By message", bpmn_xml = xml });
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.False((await hal.GetAsync(deployed.Headers.Location!.ToString())).HasTemplate("start"), "only a message starts it");

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "newCorrelationStartMessage", ["correlationKey"] = "order-9", ["variables"] = "{\"amount\": 3}", ["ttl"] = string.Empty,
        });
        var response = await hal.Http.PostAsync("/messages", form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var instance = await hal.GetAsync(response.Headers.Location!.ToString());
        Assert.Equal("order-9", instance.String("businessKey"));
        Assert.Equal(3, instance.Root.GetProperty("variables").GetProperty("amount").GetInt64());
        Assert.Equal("running", instance.String("state"));
    }

    internal static async Task<HalDocument> DeployAsync(HalClient hal, string fixture)
    {
        var processes = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes");
        var deployed = await hal.SubmitAsync(processes, "deploy", new { bpmn_xml = ServerFactory.Fixture(fixture) });
        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        return await hal.GetAsync(deployed.Headers.Location!.ToString());
    }
}
