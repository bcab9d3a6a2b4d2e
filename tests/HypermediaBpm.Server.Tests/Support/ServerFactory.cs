using System.Net.Http.Headers;
using System.Text;
using HypermediaBpm.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// The real server (real MVC pipeline, real SQLite file) in memory. Its first administrator has
/// <see cref="AdminPassword"/>, and every client it creates signs in as that administrator with HTTP Basic unless
/// the test asks for an anonymous client (<see cref="AnonymousClient"/>) or another user's (<see cref="ClientAs"/>).
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly TestDirectory _directory = new("server");
    private readonly bool _samples;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-test-password";

    /// <param name="clock">
    /// A clock the test moves by hand (<see cref="ManualClock"/>): the server's own scheduler is switched off
    /// then, and the test fires due timers itself through <see cref="Scheduler"/>.
    /// </param>
    /// <param name="services">Replaces services for the test (after the server's own registrations).</param>
    public ServerFactory(bool samples = false, string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _samples = samples;
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        DatabasePath = databasePath ?? _directory.File("server.db");
    }

    public string DatabasePath { get; }

    /// <summary>The server's timer scheduler (on the test's clock when one was given).</summary>
    public Engine.Scheduling.TimerScheduler Scheduler => Services.GetRequiredService<Engine.Scheduling.TimerScheduler>();

    public HalClient Hal() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    /// <summary>A HAL client signed in as <paramref name="user"/> with HTTP Basic.</summary>
    public HalClient HalAs(string user, string password) => new(ClientAs(user, password));

    /// <summary>A client that sends no credentials (no redirects followed).</summary>
    public HttpClient AnonymousClient(bool handleCookies = false)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client signed in as <paramref name="user"/> with HTTP Basic (no redirects followed).</summary>
    public HttpClient ClientAs(string user, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = Basic(user, password);
        return client;
    }

    /// <summary>An <c>Authorization: Basic</c> value.</summary>
    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    /// <summary>Every client signs in as the administrator unless the test says otherwise.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = Basic(AdminUser, AdminPassword);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DatabasePath);
        builder.UseSetting("Samples:Deploy", _samples ? "true" : "false");
        builder.UseEnvironment("Testing");
        builder.UseSetting("Security:Admin:Password", AdminPassword);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is { } clock)
        {
            builder.UseSetting("Timers:Enabled", "false");
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
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
