using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Integration;

/// <summary>
/// Issue 13, finding 4: HTTP tasks and redirects. Not followed unless the task says <c>followRedirects</c>; then only
/// on the same origin, and never so that a <c>POST</c> becomes a <c>GET</c> of something else (only 307 and 308 are
/// followed after a <c>POST</c>, repeating it).
/// </summary>
public sealed class HttpTaskRedirectTests : IAsyncLifetime
{
    private readonly ServerFactory _server = new();
    private WebApplication _service = null!;
    private WebApplication _elsewhere = null!;
    private string _base = null!;
    private string _otherOrigin = null!;
    private int _targetGets;
    private int _elsewhereCalls;
    private string? _postedToTarget;

    public async Task InitializeAsync()
    {
        (_elsewhere, _otherOrigin) = await LoopbackApp.StartAsync(app => app.Map("/{**any}", () =>
        {
            Interlocked.Increment(ref _elsewhereCalls);
            return Results.Json(new { elsewhere = true });
        }));
        (_service, _base) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/moved", () => Results.Redirect("/target"));
            app.MapGet("/away", () => Results.Redirect(_otherOrigin + "/target"));
            app.MapPost("/see-other", () => Results.Redirect("/target", permanent: false, preserveMethod: false));
            app.MapPost("/see-other-303", (HttpContext context) =>
            {
                context.Response.StatusCode = 303;
                context.Response.Headers.Location = "/target";
            });
            app.MapPost("/temporary", () => Results.Redirect("/target", permanent: false, preserveMethod: true));
            app.MapGet("/target", () =>
            {
                Interlocked.Increment(ref _targetGets);
                return Results.Json(new { arrived = true });
            });
            app.MapPost("/target", async (HttpRequest request) =>
            {
                _postedToTarget = await new StreamReader(request.Body).ReadToEndAsync();
                return Results.Json(new { arrived = true });
            });
        });
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _service.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task Issue13_Redirect_IsNotFollowedByDefault_AndIsTheAnswer()
    {
        var failed = await RunAsync("stay", HttpTaskModel.Connector($"{_base}/moved", ("retries", "1")), "failed");

        var message = Assert.Single(failed.Embedded("bpm:incidents")).String("message");
        Assert.Contains("answered 302", message, StringComparison.Ordinal);
        Assert.Contains("followRedirects is false", message, StringComparison.Ordinal);
        Assert.Equal(0, _targetGets);
    }

    [Fact]
    public async Task Issue13_FollowRedirects_SameOrigin_IsFollowed()
    {
        var done = await RunAsync("follow", $$"""
            <camunda:inputOutput>
              <camunda:inputParameter name="url">{{_base}}/moved</camunda:inputParameter>
              <camunda:inputParameter name="followRedirects">true</camunda:inputParameter>
              <camunda:outputParameter name="arrived">${response.arrived}</camunda:outputParameter>
            </camunda:inputOutput>
            """, "completed");

        Assert.True(done.Property("variables").GetProperty("arrived").GetBoolean());
        Assert.Equal(1, _targetGets);
    }

    [Fact]
    public async Task Issue13_FollowRedirects_ToAnotherOrigin_IsRefused()
    {
        var failed = await RunAsync("leave", HttpTaskModel.Connector($"{_base}/away", ("followRedirects", "true")), "failed");

        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("OUTBOUND_REFUSED", incident.String("code"));
        Assert.Contains("redirects stay on their origin", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal(0, _elsewhereCalls);
    }

    [Theory]
    [InlineData("/see-other")]
    [InlineData("/see-other-303")]
    public async Task Issue13_RedirectAfterPost_DoesNotBecomeAGet(string path)
    {
        var failed = await RunAsync("post-redirect",
            HttpTaskModel.Connector(_base + path, ("method", "POST"), ("payload", "{}"), ("followRedirects", "true"), ("retries", "1")), "failed");

        var message = Assert.Single(failed.Embedded("bpm:incidents")).String("message");
        Assert.Contains("would turn the POST into a GET", message, StringComparison.Ordinal);
        Assert.Equal(0, _targetGets);
    }

    [Fact]
    public async Task Issue13_TemporaryRedirectAfterPost_RepeatsThePostWithItsPayload()
    {
        await RunAsync("post-307",
            HttpTaskModel.Connector($"{_base}/temporary", ("method", "POST"), ("payload", "{\"order\": 7}"), ("followRedirects", "true")), "completed");

        Assert.Equal("{\"order\": 7}", _postedToTarget);
        Assert.Equal(0, _targetGets);
    }

    private async Task<HalDocument> RunAsync(string key, string connector, string state)
    {
        var hal = _server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of(key, connector));
        var started = await hal.StartAsync(key, new { });
        return await Eventually.StateAsync(hal, started.Self, state);
    }
}
