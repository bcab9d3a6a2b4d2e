namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>One <see cref="RepresentationHost"/> with default options, shared by a test class.</summary>
public sealed class RepresentationHostFixture : IAsyncLifetime
{
    private RepresentationHost? _host;

    public RepresentationHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await RepresentationHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
