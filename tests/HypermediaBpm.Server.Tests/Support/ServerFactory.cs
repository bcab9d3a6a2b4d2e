using HypermediaBpm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>The real server (real MVC pipeline, real SQLite file) in memory.</summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly TestDirectory _directory = new("server");
    private readonly bool _samples;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    /// <param name="clock">Replaces the server's <see cref="TimeProvider"/> (a <c>ManualClock</c>: the test moves time).</param>
    public ServerFactory(bool samples = false, string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        _samples = samples;
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        DatabasePath = databasePath ?? _directory.File("server.db");
    }

    public string DatabasePath { get; }

    public HalClient Hal() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DatabasePath);
        builder.UseSetting("Samples:Deploy", _samples ? "true" : "false");
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _directory.Dispose();
        }
    }

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
