using System.Reflection;
using HypermediaBpm.Server.Representations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>
/// A minimal server with the real representation layer (<see cref="RepresentationSetup"/>) and only
/// <see cref="RepresentationTestController"/>, in the pipeline order Program.cs uses.
/// </summary>
public sealed class RepresentationHost : IAsyncDisposable
{
    /// <summary>What Chromium sends for a page load.</summary>
    public const string ChromiumAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";

    private readonly IHost _host;

    private RepresentationHost(IHost host)
    {
        _host = host;
        Client = host.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<RepresentationHost> StartAsync(Action<RepresentationOptions>? configure = null)
    {
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(services =>
                {
                    services.AddControllers().ConfigureApplicationPartManager(parts =>
                    {
                        parts.ApplicationParts.Clear();
                        parts.ApplicationParts.Add(new TestControllerPart());
                    });
                    services.AddHypermediaRepresentations(configure);
                })
                .Configure(app =>
                {
                    app.UseHypermediaRepresentations();
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }))
            .Build();
        await host.StartAsync();
        return new RepresentationHost(host);
    }

    /// <summary>Sends a request with a raw Accept header (no validation, so real browser strings go through unchanged).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? accept = null, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string url, string? accept = null, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, url, accept, null, headers);

    public static string? ContentTypeOf(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Only the test controller: no other controller in the test assembly can change what is tested.</summary>
    private sealed class TestControllerPart : ApplicationPart, IApplicationPartTypeProvider
    {
        public override string Name => "representation-tests";

        public IEnumerable<TypeInfo> Types => [typeof(RepresentationTestController).GetTypeInfo()];
    }
}
