using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// HTTP service tasks against a real HTTP service (Kestrel on loopback, in the test): the call runs after the
/// starting request has been answered, its JSON answer becomes variables, a failing-then-recovering endpoint is
/// retried, and one that keeps failing or is too slow ends in an incident.
/// </summary>
public sealed class HttpServiceTaskTests : IAsyncLifetime
{
    private readonly ServerFactory _server = new();
    private WebApplication _shop = null!;
    private string _base = null!;
    private int _flakyCalls;
    private string? _lastPayload;

    public async Task InitializeAsync()
    {
        (_shop, _base) = await LoopbackApp.StartAsync(shop =>
        {
            shop.MapGet("/orders/{id}/price", (string id, HttpRequest request) =>
                Results.Json(new { order = id, price = 42.5, currency = "EUR", key = request.Headers["X-Api-Key"].ToString() }));
            shop.MapPost("/orders", async (HttpRequest request) =>
            {
                _lastPayload = await new StreamReader(request.Body).ReadToEndAsync();
                return Results.Json(new { id = "o-77" }, statusCode: 201);
            });
            shop.MapGet("/flaky", () => Interlocked.Increment(ref _flakyCalls) == 1 ? Results.StatusCode(503) : Results.Json(new { ok = true }));
            shop.MapGet("/broken", () => Results.StatusCode(500));
            shop.MapGet("/slow", async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                return Results.Json(new { ok = true });
            });
        });
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _shop.DisposeAsync();
    }

    private static string Model(string id, string connector) => HttpTaskModel.Of(id, connector);

    [Fact]
    public async Task GetWithUriTemplateAndHeader_AnswerBecomesVariables_AfterTheStartWasAnswered()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(Model("price", $$"""
            <camunda:inputOutput>
              <camunda:inputParameter name="url">{{_base}}/orders/{orderId}/price</camunda:inputParameter>
              <camunda:inputParameter name="headers"><camunda:map><camunda:entry key="X-Api-Key">${apiKey}</camunda:entry></camunda:map></camunda:inputParameter>
              <camunda:outputParameter name="price">${response.price}</camunda:outputParameter>
              <camunda:outputParameter name="status">${statusCode}</camunda:outputParameter>
              <camunda:outputParameter name="echoedKey">${response.key}</camunda:outputParameter>
            </camunda:inputOutput>
            """));

        // Act: the start answers at once; the call happens afterwards.
        var started = await hal.StartAsync("price", new { orderId = "o 42", apiKey = "secret-1" });
        var done = await WaitAsync(hal, started.Self, "completed");

        // Assert
        Assert.Equal("running", started.String("state"));
        var variables = done.Property("variables");
        Assert.Equal(42.5, variables.GetProperty("price").GetDouble());
        Assert.Equal(200, variables.GetProperty("status").GetInt32());
        Assert.Equal("secret-1", variables.GetProperty("echoedKey").GetString());
    }

    [Fact]
    public async Task PostWithPayloadTemplate_SendsTheBody()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model("create", $$$"""
            <camunda:inputOutput>
              <camunda:inputParameter name="url">{{{_base}}}/orders</camunda:inputParameter>
              <camunda:inputParameter name="method">POST</camunda:inputParameter>
              <camunda:inputParameter name="payload">{"customer": "${customer}", "amount": ${amount}}</camunda:inputParameter>
              <camunda:outputParameter name="orderId">${response.id}</camunda:outputParameter>
            </camunda:inputOutput>
            """));

        var started = await hal.StartAsync("create", new { customer = "Ann", amount = 12 });
        var done = await WaitAsync(hal, started.Self, "completed");

        Assert.Equal("o-77", done.Property("variables").GetProperty("orderId").GetString());
        using var sent = JsonDocument.Parse(_lastPayload!);
        Assert.Equal("Ann", sent.RootElement.GetProperty("customer").GetString());
        Assert.Equal(12, sent.RootElement.GetProperty("amount").GetInt32());
    }

    [Fact]
    public async Task FailingThenRecoveringEndpoint_IsRetriedAfterItsBackoff_AndTheInstanceCompletes()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model("flaky", $$"""
            <camunda:inputOutput>
              <camunda:inputParameter name="url">{{_base}}/flaky</camunda:inputParameter>
              <camunda:inputParameter name="retryBackoff">PT0.2S</camunda:inputParameter>
              <camunda:outputParameter name="ok">${response.ok}</camunda:outputParameter>
            </camunda:inputOutput>
            """));

        var started = await hal.StartAsync("flaky", new { });
        var done = await WaitAsync(hal, started.Self, "completed");

        Assert.True(done.Property("variables").GetProperty("ok").GetBoolean());
        Assert.Equal(2, _flakyCalls);
        var history = await hal.FollowAsync(done, "bpm:history");
        Assert.Contains(history.Embedded("item"), e => e.String("type") == "job-failed");
    }

    [Fact]
    public async Task EndpointThatKeepsFailing_EndsInAnIncident_AfterItsRetries()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model("broken", $$"""
            <camunda:inputOutput>
              <camunda:inputParameter name="url">{{_base}}/broken</camunda:inputParameter>
              <camunda:inputParameter name="retries">2</camunda:inputParameter>
              <camunda:inputParameter name="retryBackoff">PT0.1S</camunda:inputParameter>
            </camunda:inputOutput>
            """));

        var started = await hal.StartAsync("broken", new { });
        var failed = await WaitAsync(hal, started.Self, "failed");

        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("JOB_FAILED", incident.String("code"));
        Assert.Contains("answered 500", incident.String("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowEndpoint_TimesOut_AndEndsInAnIncident()
    {
        var hal = _server.Hal();
        await hal.DeployAsync(Model("slow", $$"""
            <camunda:inputOutput>
              <camunda:inputParameter name="url">{{_base}}/slow</camunda:inputParameter>
              <camunda:inputParameter name="timeout">PT0.3S</camunda:inputParameter>
              <camunda:inputParameter name="retries">1</camunda:inputParameter>
            </camunda:inputOutput>
            """));

        var started = await hal.StartAsync("slow", new { });
        var failed = await WaitAsync(hal, started.Self, "failed");

        Assert.Contains("did not answer within 0.3 s", Assert.Single(failed.Embedded("bpm:incidents")).String("message"), StringComparison.Ordinal);
    }

    private static Task<HalDocument> WaitAsync(HalClient hal, string instance, string state) => Eventually.StateAsync(hal, instance, state);
}
