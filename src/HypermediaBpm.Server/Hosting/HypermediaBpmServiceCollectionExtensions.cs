using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Batches;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.OpenApi;
using HypermediaBpm.Server.Telemetry;
using HypermediaBpm.Server.Representations;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Hosting;

/// <summary>The composition root: everything the server is made of, in one place.</summary>
public static class HypermediaBpmServiceCollectionExtensions
{
    public static IServiceCollection AddHypermediaBpm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeIdentity(configuration["Node:Id"]));
        services.AddSingleton<IEngineStore>(sp =>
        {
            var meters = sp.GetRequiredService<Telemetry.EngineMeters>();
            var store = StorageSelection.Create(configuration, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<NodeIdentity>(), meters.Store);
            meters.Observe(store);
            return store;
        });
        services.AddSingleton(sp => new ProcessEngine(
            sp.GetRequiredService<IEngineStore>(),
            new EngineOptions
            {
                Clock = sp.GetRequiredService<TimeProvider>(),
                Meter = sp.GetRequiredService<Telemetry.EngineMeters>().Meter,
                MaxTransactionParticipants = sp.GetRequiredService<IOptions<Tcc.TccOptions>>().Value.MaxParticipantLinks,
                MaxModelBytes = PositiveBytes(configuration, "Engine:MaxModelBytes", EngineOptions.DefaultMaxModelBytes),
                DefinitionCacheBytes = PositiveBytes(configuration, "Engine:DefinitionCacheBytes", EngineOptions.DefaultDefinitionCacheBytes),
                MaxVariableBytes = PositiveBytes(configuration, "Engine:MaxVariableBytes", EngineOptions.DefaultMaxVariableBytes),
                Jobs = PollIntervals(configuration),
            }));
        services.AddSingleton<MarkdownDocs>();
        services.AddSingleton<DatabaseHealth>();
        services.Configure<Feeds.FeedOptions>(configuration.GetSection("Feeds"));
        services.AddSingleton<Feeds.FeedReader>();
        services.AddSingleton<Feeds.MemberFeeds>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(mvc => mvc.Filters.Add<Feeds.AtomStandIns>());
        services.AddSingleton(sp => new Engine.Scheduling.TimerScheduler(
            sp.GetRequiredService<ProcessEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            new Engine.Scheduling.TimerSchedulerOptions
            {
                LeaseDuration = configuration.GetValue("Timers:LeaseDuration", TimeSpan.FromSeconds(60)),
                MaxIdleDelay = configuration.GetValue("Timers:MaxIdleDelay", TimeSpan.FromSeconds(2)),
            },
            // The lease names the node, so a database shows which node holds which timer.
            $"{sp.GetRequiredService<NodeIdentity>().Id}/{Guid.NewGuid().ToString("N")[..8]}"));
        services.Configure<Tcc.TccOptions>(configuration.GetSection("Tcc"));
        services.AddSingleton<Tcc.TccCoordinator>();
        AddOutbound(services, configuration);
        services.AddHttpClient(Tcc.TccCoordinator.HttpClientName, client =>
            {
                // Each request has its own deadline (Tcc:RequestTimeout, never past the participant's expiry).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Integration.OutboundPolicy>().CreateHandler(TimeSpan.FromSeconds(5)));
        services.AddHypermediaAuthentication(configuration);

        // Before the sample deployer: both migrate the store (idempotent); this one also makes sure someone can sign in.
        services.AddHostedService<FirstAdministrator>();
        services.AddHostedService<SampleDeployer>();

        // After the sample deployer, which migrates the store.
        services.AddHostedService<TimerSchedulerService>();
        services.AddHostedService<JobAnnouncementService>();
        // Each call has its own deadline (its timeout, at most HttpTasks:MaxTimeout), connecting included.
        services.AddHttpClient(Integration.HttpTaskWorker.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Integration.OutboundPolicy>().CreateHandler(Timeout.InfiniteTimeSpan));
        services.AddHostedService<Integration.HttpTaskWorker>();
        services.AddHostedService<ReservationSweepService>();
        services.AddHostedService<Tcc.TransactionWorker>();
        AddHistoryRetention(services, configuration);
        services.AddHypermediaBatches(configuration);
        services.AddControllers();
        services.AddHypermediaRepresentations();
        services.AddHypermediaOpenApi();
        services.AddHypermediaTelemetry(configuration);
        return services;
    }

    /// <summary>The outbound policy both named clients connect through, and the settings it and the workers read, checked at start-up.</summary>
    private static void AddOutbound(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Integration.OutboundOptions>(configuration.GetSection("Outbound"));
        services.Configure<Integration.HttpTaskOptions>(configuration.GetSection("HttpTasks"));
        services.AddSingleton<IValidateOptions<Integration.OutboundOptions>>(new SettingsValidation<Integration.OutboundOptions>(o => o.Problem()));
        services.AddSingleton<IValidateOptions<Integration.HttpTaskOptions>>(new SettingsValidation<Integration.HttpTaskOptions>(o => o.Problem()));
        services.AddSingleton<IValidateOptions<Tcc.TccOptions>>(new SettingsValidation<Tcc.TccOptions>(o => o.Problem()));
        services.AddOptions<Integration.OutboundOptions>().ValidateOnStart();
        services.AddOptions<Integration.HttpTaskOptions>().ValidateOnStart();
        services.AddOptions<Tcc.TccOptions>().ValidateOnStart();
        services.AddSingleton<Integration.OwnEndpoints>();
        services.AddSingleton<Integration.OutboundPolicy>();
    }

    /// <summary>
    /// How often a waiting lock request looks at the store for jobs no wake-up announced (<c>Jobs:MinPollInterval</c>,
    /// <c>Jobs:MaxPollInterval</c>; defaults 50 ms and 1 s). On PostgreSQL every node hears of new jobs by LISTEN/NOTIFY,
    /// so polling is only the fallback.
    /// </summary>
    private static JobOptions PollIntervals(IConfiguration configuration)
    {
        var defaults = new JobOptions();
        var min = configuration.GetValue("Jobs:MinPollInterval", defaults.MinPollInterval);
        var max = configuration.GetValue("Jobs:MaxPollInterval", defaults.MaxPollInterval);
        if (min <= TimeSpan.Zero || max < min)
        {
            throw new InvalidOperationException($"Jobs:MinPollInterval ({min}) must be positive and at most Jobs:MaxPollInterval ({max}).");
        }

        return new JobOptions { MinPollInterval = min, MaxPollInterval = max };
    }

    /// <summary>History retention: its settings, the cleanup (leased in the store under the node's name) and its loop.</summary>
    private static void AddHistoryRetention(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(HistorySettings.Read(configuration));
        services.AddSingleton(sp => new Engine.Retention.HistoryCleanup(
            sp.GetRequiredService<IEngineStore>() as IHistoryRetentionStore
                ?? throw new InvalidOperationException("The store has no history retention (IHistoryRetentionStore)."),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Engine.Retention.HistoryRetentionOptions>(),
            $"{sp.GetRequiredService<NodeIdentity>().Id}/{Guid.NewGuid().ToString("N")[..8]}",
            sp.GetRequiredService<Telemetry.EngineMeters>().Meter));
        services.AddHostedService<HistoryCleanupService>();
    }

    /// <summary>A size setting; zero or less would refuse every model or cache nothing on purpose, so it is a mistake.</summary>
    private static long PositiveBytes(IConfiguration configuration, string key, long defaultValue)
    {
        var value = configuration.GetValue(key, defaultValue);
        return value > 0 ? value : throw new InvalidOperationException($"{key} must be a positive number of bytes, not {value}.");
    }
}
