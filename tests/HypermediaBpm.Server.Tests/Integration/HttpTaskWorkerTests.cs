using System.Diagnostics;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Integration;

/// <summary>
/// Issue 13, finding 6: the HTTP-task worker against real services on loopback. Calls run side by side (a slow service
/// delays no other call), answers are read only up to <c>HttpTasks:MaxResponseBytes</c>, timeouts are cut to
/// <c>HttpTasks:MaxTimeout</c>, and every failure — a request that cannot be made, <c>retries</c> of 0 — ends as a
/// retry or an incident, never as a job that stays locked.
/// </summary>
public sealed class HttpTaskWorkerTests : IAsyncLifetime
{
    private static readonly byte[] TwoMegabytes = new byte[2 * 1024 * 1024];

    private readonly ServerFactory _server = new(settings: new Dictionary<string, string> { ["HttpTasks:MaxTimeout"] = "00:00:40" });
    private readonly TaskCompletionSource _slowCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _service = null!;
    private string _base = null!;
    private int _brokenCalls;
    private int _text5kCalls;

    public async Task InitializeAsync()
    {
        (_service, _base) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/slow", async (HttpContext context) =>
            {
                _slowCalled.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                return Results.Json(new { slow = true });
            });
            app.MapGet("/fast", () => Results.Json(new { fast = true }));
            app.MapGet("/ok", () => Results.Json(new { ok = true }));
            app.MapGet("/text5k", () =>
            {
                Interlocked.Increment(ref _text5kCalls);
                return Results.Text(new string('x', 5000), "text/plain");
            });
            app.MapGet("/broken", () =>
            {
                Interlocked.Increment(ref _brokenCalls);
                return Results.StatusCode(500);
            });
            app.MapGet("/big", () => Results.Bytes(TwoMegabytes, "application/octet-stream"));
            app.MapGet("/big-chunked", async (HttpContext context) =>
            {
                // No Content-Length: the cap must hold while reading, not only by the declared size.
                context.Response.ContentType = "application/octet-stream";
                for (var i = 0; i < 32; i++)
                {
                    await context.Response.Body.WriteAsync(TwoMegabytes.AsMemory(0, 64 * 1024), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            });
        });
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Issue13_SlowEndpoint_DoesNotDelayAFastCallOfAnotherInstance()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("slow", HttpTaskModel.Connector($"{_base}/slow", ("timeout", "PT35S"))));
        await hal.DeployAsync(HttpTaskModel.Of("fast", HttpTaskModel.Connector($"{_base}/fast")));
        await hal.StartAsync("slow", new { });
        await _slowCalled.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // Act
        var clock = Stopwatch.StartNew();
        var fast = await hal.StartAsync("fast", new { });
        await Eventually.StateAsync(hal, fast.Self, "completed");
        clock.Stop();

        // Assert
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The fast call took {clock.Elapsed} while the slow one ran.");
    }

    [Theory]
    [InlineData("/big")]
    [InlineData("/big-chunked")]
    public async Task Issue13_AnswerLargerThanTheCap_IsAnIncidentNamingTheLimit(string path)
    {
        var hal = _server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("big", HttpTaskModel.Connector(_base + path)));

        var started = await hal.StartAsync("big", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("HTTP_RESPONSE_TOO_LARGE", incident.String("code"));
        Assert.Contains("1048576 bytes", incident.String("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue13_AnswerWhoseOutputIsOverMaxVariableBytes_IsAnIncidentAtOnce_NotRetried()
    {
        // Arrange: an answer well within HttpTasks:MaxResponseBytes whose output is over Engine:MaxVariableBytes.
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Engine:MaxVariableBytes"] = "1000" });
        var hal = server.Hal();
        var connector = HttpTaskModel.Connector($"{_base}/text5k", ("retries", "3")).Replace(
            "</camunda:inputOutput>", "<camunda:outputParameter name=\"body\">${response}</camunda:outputParameter></camunda:inputOutput>", StringComparison.Ordinal);
        await hal.DeployAsync(HttpTaskModel.Of("wordy", connector));

        // Act
        var started = await hal.StartAsync("wordy", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert: one call, then an incident naming the variable and the limit.
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("HTTP_RESPONSE_TOO_LARGE", incident.String("code"));
        Assert.Contains("'body'", incident.String("message"), StringComparison.Ordinal);
        Assert.Contains("1000 bytes", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref _text5kCalls));
        Assert.False(failed.Property("variables").TryGetProperty("body", out _));
    }

    [Theory]
    [InlineData("url", "file:///etc/passwd")]
    [InlineData("url", "http://[not-a-host/x")]
    [InlineData("url", "gopher://127.0.0.1/x")]
    [InlineData("timeout", "-PT5S")]
    [InlineData("timeout", "P9999999999999Y")]
    [InlineData("method", "GET /admin HTTP/1.1")]
    public async Task Issue13_InputFromAVariableThatCannotWork_IsAnIncidentAtOnce_AndRetryingWithAFixCompletes(string input, string value)
    {
        // Arrange: the input comes from a variable, so only the call can tell.
        var hal = _server.Hal();
        var connector = input == "url"
            ? HttpTaskModel.Connector("${target}")
            : HttpTaskModel.Connector($"{_base}/ok", (input, "${target}"));
        await hal.DeployAsync(HttpTaskModel.Of("computed", connector));

        // Act
        var started = await hal.StartAsync("computed", new { target = value });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert: an incident at once, whose retry with a usable value makes the call.
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("HTTP_REQUEST_INVALID", incident.String("code"));
        Assert.Contains($"'{input}'", incident.String("message"), StringComparison.Ordinal);
        var fix = input switch { "url" => $"{_base}/ok", "timeout" => "PT5S", _ => "GET" };
        using var retried = await hal.SubmitAsync(incident, "retry", new { target = fix });
        Assert.True(retried.IsSuccessStatusCode, $"{retried.StatusCode}: {await retried.Content.ReadAsStringAsync()}");
        await Eventually.StateAsync(hal, started.Self, "completed");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Issue13_RetriesZeroOrLess_FailingCallIsTriedOnce_ThenAnIncident(string retries)
    {
        var hal = _server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("once", HttpTaskModel.Connector($"{_base}/broken", ("retries", retries))));

        var started = await hal.StartAsync("once", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("JOB_FAILED", incident.String("code"));
        Assert.Contains("answered 500", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal(1, _brokenCalls);
    }

    [Fact]
    public async Task Issue13_TimeoutAboveTheMaximum_IsCutToIt()
    {
        // Arrange: this server allows 0.5 s; the model asks for an hour.
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["HttpTasks:MaxTimeout"] = "00:00:00.500" });
        var hal = server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("patient", HttpTaskModel.Connector($"{_base}/slow", ("timeout", "PT1H"), ("retries", "1"))));

        // Act
        var clock = Stopwatch.StartNew();
        var started = await hal.StartAsync("patient", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The call was given {clock.Elapsed}.");
        var message = Assert.Single(failed.Embedded("bpm:incidents")).String("message");
        Assert.Contains("did not answer within 0.5 s", message, StringComparison.Ordinal);
        Assert.Contains("HttpTasks:MaxTimeout", message, StringComparison.Ordinal);
    }
}
