using System.Net;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Tests.Integration;

/// <summary>
/// Issue 13, finding 4: HTTP tasks go through the outbound policy. A denied network (given here as the loopback address
/// <c>127.0.0.2</c>, with a real listener bound on it), a host not on the allowed list and this server's own endpoints
/// are refused before any connection is made — an <c>OUTBOUND_REFUSED</c> incident naming the rule, at once — and a
/// failed connection is reported as such, without the system's message.
/// </summary>
public sealed class OutboundPolicyTests
{
    private static readonly IPAddress Denied = IPAddress.Parse("127.0.0.2");

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("[::ffff:127.0.0.2]")]
    public async Task Issue13_AddressInADeniedNetwork_IsRefused_AndNoConnectionReachesIt(string host)
    {
        // Arrange
        await using var listener = new ConnectionCounter(Denied);
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Outbound:DeniedNetworks:0"] = "127.0.0.2/32" });
        var hal = server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("denied", HttpTaskModel.Connector($"http://{host}:{listener.Port}/metadata")));

        // Act
        var started = await hal.StartAsync("denied", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("OUTBOUND_REFUSED", incident.String("code"));
        Assert.Contains("Outbound:DeniedNetworks", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal(0, listener.Accepted);
        var history = await hal.FollowAsync(failed, "bpm:history");
        Assert.Single(history.Embedded("item"), e => e.String("type") == "job-failed");
    }

    [Fact]
    public async Task Issue13_NameResolvingIntoADeniedNetwork_IsRefused_AndNoConnectionIsMade()
    {
        // Arrange: the URL names a host, not an address; what it resolves to is what is checked.
        await using var listener = new ConnectionCounter(IPAddress.Loopback);
        using var server = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Outbound:DeniedNetworks:0"] = "127.0.0.0/8",
            ["Outbound:DeniedNetworks:1"] = "::1/128",
        });
        var hal = server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("resolved", HttpTaskModel.Connector($"http://localhost:{listener.Port}/x")));

        // Act
        var started = await hal.StartAsync("resolved", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("OUTBOUND_REFUSED", incident.String("code"));
        Assert.Contains("Outbound:DeniedNetworks", incident.String("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task Issue13_HostNotInAllowedHosts_IsRefused_AndNoConnectionIsMade()
    {
        // Arrange
        await using var listener = new ConnectionCounter(IPAddress.Loopback);
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Outbound:AllowedHosts:0"] = "billing.internal" });
        var hal = server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("unlisted", HttpTaskModel.Connector($"http://127.0.0.1:{listener.Port}/orders")));

        // Act
        var started = await hal.StartAsync("unlisted", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("OUTBOUND_REFUSED", incident.String("code"));
        Assert.Contains("Outbound:AllowedHosts", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal(0, listener.Accepted);
    }

    [Fact]
    public async Task Issue13_HostMatchingAnAllowedPattern_IsCalled()
    {
        // Arrange: an address listed as itself, beside a pattern that does not match it.
        var (app, baseUri) = await LoopbackApp.StartAsync(a => a.MapGet("/ok", () => Results.Json(new { ok = true })));
        await using var _ = app;
        using var server = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Outbound:AllowedHosts:0"] = "*.example.com",
            ["Outbound:AllowedHosts:1"] = "127.0.0.1",
        });
        var hal = server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("listed", HttpTaskModel.Connector($"{baseUri}/ok")));

        // Act
        var started = await hal.StartAsync("listed", new { });

        // Assert
        await Eventually.StateAsync(hal, started.Self, "completed");
    }

    [Fact]
    public async Task Issue13_ThisServersOwnApi_IsRefusedByDefault_AndNothingIsDeleted()
    {
        // Arrange: the server on a real port; the task would delete one of its processes through its own API.
        using var server = new ServerFactory();
        server.UseKestrel(0);
        server.StartServer();
        using var http = new HttpClient { BaseAddress = server.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = ServerFactory.Basic(ServerFactory.AdminUser, ServerFactory.AdminPassword);
        var hal = new HalClient(http);
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));
        var self = server.ClientOptions.BaseAddress.AbsoluteUri.TrimEnd('/');
        await hal.DeployAsync(HttpTaskModel.Of("self-call", HttpTaskModel.Connector($"{self}/processes/approval", ("method", "DELETE"))));

        // Act
        var started = await hal.StartAsync("self-call", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("OUTBOUND_REFUSED", incident.String("code"));
        Assert.Contains("Outbound:AllowSelf", incident.String("message"), StringComparison.Ordinal);
        Assert.Equal("approval", (await hal.GetAsync("/processes/approval")).String("key"));
    }

    [Fact]
    public async Task Issue13_ConnectionThatFails_IsReportedWithoutTheSystemsMessage()
    {
        // Arrange: a port that was listened on and is closed now.
        int closedPort;
        await using (var gone = new ConnectionCounter(IPAddress.Loopback))
        {
            closedPort = gone.Port;
        }

        using var server = new ServerFactory();
        var hal = server.Hal();
        await hal.DeployAsync(HttpTaskModel.Of("closed", HttpTaskModel.Connector($"http://127.0.0.1:{closedPort}/x", ("retries", "1"))));

        // Act
        var started = await hal.StartAsync("closed", new { });
        var failed = await Eventually.StateAsync(hal, started.Self, "failed");

        // Assert
        var incident = Assert.Single(failed.Embedded("bpm:incidents"));
        Assert.Equal("JOB_FAILED", incident.String("code"));
        Assert.EndsWith("failed: connection failed.", incident.String("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("refused (", incident.String("message"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Issue13_DeniedNetworkThatIsNoNetwork_StopsTheServerFromStarting()
    {
        using var server = new ServerFactory(settings: new Dictionary<string, string> { ["Outbound:DeniedNetworks:0"] = "10.0.0.0/not-a-prefix" });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("Outbound:DeniedNetworks", error.Message, StringComparison.Ordinal);
    }
}
