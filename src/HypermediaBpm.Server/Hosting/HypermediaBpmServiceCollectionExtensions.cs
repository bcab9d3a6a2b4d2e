using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Server.Hosting;

/// <summary>The composition root: everything the server is made of, in one place.</summary>
public static class HypermediaBpmServiceCollectionExtensions
{
    public static IServiceCollection AddHypermediaBpm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEngineStore>(sp =>
        {
            var path = configuration["Storage:Path"] ?? "data/hypermediabpm.db";
            var synchronous = Enum.TryParse<SqliteSynchronous>(configuration["Storage:Synchronous"], true, out var s) ? s : SqliteSynchronous.Full;
            return new SqliteEngineStore(new SqliteStoreOptions { Path = path, Synchronous = synchronous, Clock = sp.GetRequiredService<TimeProvider>() });
        });
        services.AddSingleton(sp => new ProcessEngine(
            sp.GetRequiredService<IEngineStore>(),
            new EngineOptions
            {
                Clock = sp.GetRequiredService<TimeProvider>(),
                MaxVariableBytes = configuration.GetValue("Engine:MaxVariableBytes", EngineOptions.DefaultMaxVariableBytes),
            }));
        services.AddSingleton<MarkdownDocs>();
        services.AddSingleton<DatabaseHealth>();
        services.Configure<Feeds.FeedOptions>(configuration.GetSection("Feeds"));
        services.AddSingleton<Feeds.FeedReader>();
        services.AddSingleton(sp => new Engine.Scheduling.TimerScheduler(
            sp.GetRequiredService<ProcessEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            new Engine.Scheduling.TimerSchedulerOptions
            {
                LeaseDuration = configuration.GetValue("Timers:LeaseDuration", TimeSpan.FromSeconds(60)),
                MaxIdleDelay = configuration.GetValue("Timers:MaxIdleDelay", TimeSpan.FromSeconds(2)),
            }));
        services.Configure<Tcc.TccOptions>(configuration.GetSection("Tcc"));
        services.AddSingleton<Tcc.TccCoordinator>();
        services.AddHttpClient(Tcc.TccCoordinator.HttpClientName, client =>
            {
                // Each request has its own deadline (Tcc:RequestTimeout, never past the participant's expiry).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false });
        services.AddHostedService<SampleDeployer>();

        // After the sample deployer, which migrates the store.
        services.AddHostedService<TimerSchedulerService>();
        services.AddHttpClient(Integration.HttpTaskWorker.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<Integration.HttpTaskWorker>();
        services.AddHostedService<ReservationSweepService>();
        services.AddHostedService<Tcc.TransactionWorker>();
        services.AddControllers();
        services.AddHypermediaRepresentations();
        return services;
    }
}
