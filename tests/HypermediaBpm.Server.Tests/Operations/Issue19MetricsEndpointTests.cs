using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>The Prometheus scrape endpoint: for administrators and for a scraper with the configured token only.</summary>
public sealed class Issue19MetricsEndpointTests : IDisposable
{
    private const string ScrapeToken = "scrape-secret-7f3a9c";

    private readonly ServerFactory _server = new(settings: new Dictionary<string, string> { ["Metrics:ScrapeToken"] = ScrapeToken });

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue19_Metrics_AdminGetsTextExposition_WithTheEngineMetrics()
    {
        // Arrange: something to count.
        var hal = _server.Hal();
        await hal.DeployAsync(ServerFactory.Fixture("approval.bpmn"));

        // Act
        using var response = await hal.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE bpm_store_commit_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("bpm_store_batch_size_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bpm_incidents_open gauge", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue18_Metrics_IncludeTheRuntimes_GarbageCollectionsAndPauses()
    {
        // Arrange: at least one collection of every generation has happened in this process by the scrape.
        var hal = _server.Hal();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);

        // Act
        using var response = await hal.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        // Assert: the runtime's meter is exported with Prometheus types, a collection count above zero for gen2.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE dotnet_gc_pause_time_seconds_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_heap_total_allocated_bytes_total counter", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_thread_pool_queue_length", text, StringComparison.Ordinal);
        var gen2 = text.Split('\n').Single(line => line.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal) && line.Contains("gc_heap_generation=\"gen2\"", StringComparison.Ordinal));
        Assert.True(double.Parse(gen2[(gen2.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 1, gen2);
    }

    [Fact]
    public async Task Issue19_Metrics_AnonymousIs401_AndANonAdminIs403()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "olga", "operators");

        // Act
        using var anonymous = await _server.AnonymousClient().GetAsync("/metrics");
        using var operatorAnswer = await _server.ClientAs("olga", IdentityTestUsers.Password).GetAsync("/metrics");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("AUTHENTICATION_REQUIRED", await CodeAsync(anonymous));
        Assert.Equal(HttpStatusCode.Forbidden, operatorAnswer.StatusCode);
        using var problem = JsonDocument.Parse(await operatorAnswer.Content.ReadAsStringAsync());
        Assert.Equal("FORBIDDEN", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("admins", problem.RootElement.GetProperty("context").GetProperty("required").GetString());
        Assert.DoesNotContain("bpm_", await operatorAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue19_Metrics_ScrapeTokenReadsMetricsOnly_AndAWrongTokenIs401()
    {
        // Arrange
        var scraper = _server.AnonymousClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var guesser = _server.AnonymousClient();
        guesser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken + "x");

        // Act
        using var scraped = await scraper.GetAsync("/metrics");
        using var elsewhere = await scraper.GetAsync("/instances");
        using var guessed = await guesser.GetAsync("/metrics");

        // Assert: the token opens /metrics and nothing else.
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("bpm_incidents_open", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Equal("CREDENTIALS_INVALID", await CodeAsync(guessed));
    }

    [Fact]
    public async Task Issue19_Metrics_AnAdminsApiTokenReadsMetrics()
    {
        // Arrange: an API token of the administrator, made through the tokens template.
        var hal = _server.Hal();
        var tokens = await hal.FollowAsync(await hal.FollowAsync(await hal.GetAsync("/"), "bpm:me"), "bpm:tokens");
        using var created = await hal.SubmitAsync(tokens, "create-token", new { name = "prometheus", expiresIn = "P1D" });
        var secret = (await HalClient.ReadAsync(created)).String("secret");
        var client = _server.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        // Act
        using var response = await client.GetAsync("/metrics");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
