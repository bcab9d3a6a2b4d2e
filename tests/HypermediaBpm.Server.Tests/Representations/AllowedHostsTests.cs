using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Representations;

/// <summary>
/// Issue 13, finding 3 (DNS rebinding): the real server on Kestrel, on a loopback port, answers only to the names
/// of the addresses it listens on — or to those the standard <c>AllowedHosts</c> setting names — and refuses any
/// other <c>Host</c> with a problem document.
/// </summary>
public sealed class AllowedHostsTests
{
    [Fact]
    public async Task Issue13_ForeignHostOnLoopbackServer_IsRefusedWithAProblem_OwnNamesWork()
    {
        // Arrange
        using var server = Start();
        using var http = Client(server);
        var port = server.ClientOptions.BaseAddress.Port;

        // Act
        using var foreign = await GetAsync(http, "attacker.example", "application/json");
        using var foreignWithPort = await GetAsync(http, $"attacker.example:{port}", HtmlClient.BrowserAccept);
        var own = new List<HttpStatusCode>();
        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"[::1]:{port}", "LOCALHOST" })
        {
            using var response = await GetAsync(http, host, "application/json");
            own.Add(response.StatusCode);
        }

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await foreign.Content.ReadAsStringAsync());
        Assert.Equal("HOST_NOT_ALLOWED", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("attacker.example", problem.RootElement.GetProperty("context").GetProperty("host").GetString());
        Assert.Equal("nosniff", string.Join(",", foreign.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.BadRequest, foreignWithPort.StatusCode);
        Assert.Equal("text/html", foreignWithPort.Content.Headers.ContentType!.MediaType);
        Assert.Contains("HOST_NOT_ALLOWED", await foreignWithPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(own, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Issue13_AllowedHostsSetting_ReplacesTheDerivedNames()
    {
        // Arrange
        using var named = Start(new Dictionary<string, string> { ["AllowedHosts"] = "bpm.example;*.bpm.example" });
        using var any = Start(new Dictionary<string, string> { ["AllowedHosts"] = "*" });
        using var namedHttp = Client(named);
        using var anyHttp = Client(any);

        // Act
        using var byName = await GetAsync(namedHttp, "bpm.example", "application/json");
        using var bySubdomain = await GetAsync(namedHttp, "eu.bpm.example", "application/json");
        using var byLoopback = await GetAsync(namedHttp, "127.0.0.1", "application/json");
        using var byAnyName = await GetAsync(anyHttp, "attacker.example", "application/json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySubdomain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, byLoopback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAnyName.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1;localhost;[::1]")]
    [InlineData("http://localhost:5000", "localhost;127.0.0.1;[::1]")]
    [InlineData("https://[::1]:5001", "[::1];localhost;127.0.0.1")]
    [InlineData("http://127.0.0.2:80", "127.0.0.2;localhost;127.0.0.1;[::1]")]
    [InlineData("http://bpm.example:80", "bpm.example")]
    [InlineData("http://0.0.0.0:5000", "*")]
    [InlineData("http://[::]:5000", "*")]
    [InlineData("http://*:5000", "*")]
    [InlineData("http://+:5000", "*")]
    [InlineData("http://127.0.0.1:5000;http://*:5001", "*")]
    [InlineData("", "localhost;127.0.0.1;[::1]")]
    public void Issue13_AllowedHosts_AreDerivedFromTheListenAddresses(string addresses, string expected)
    {
        // Act
        var hosts = AllowedHosts.Derive(addresses.Split(';', StringSplitOptions.RemoveEmptyEntries));

        // Assert
        Assert.Equal(expected.Split(';'), hosts);
    }

    private static ServerFactory Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new ServerFactory(settings: settings);
        server.UseKestrel(0);
        server.StartServer();
        return server;
    }

    private static HttpClient Client(ServerFactory server) => server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = server.ClientOptions.BaseAddress, AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string host, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await http.SendAsync(request);
    }
}
