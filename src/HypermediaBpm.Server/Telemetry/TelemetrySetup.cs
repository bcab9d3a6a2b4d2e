using System.Diagnostics.Metrics;
using HypermediaBpm.Engine.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HypermediaBpm.Server.Telemetry;

/// <summary>
/// OpenTelemetry, composed once: metrics always (the engine's, the store's and ASP.NET Core's, scraped at
/// <see cref="MetricsEndpoint.Path"/>, and pushed by OTLP when configured); traces only when an exporter is
/// configured, so that a server nobody traces creates no activities. OTLP is configured by the standard
/// <c>OTEL_*</c> variables alone and is off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal endpoint) is set.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "HypermediaBpm";

    /// <summary>The runtime's built-in meter (.NET 9 and later).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    public static IServiceCollection AddHypermediaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<EngineMeters>();
        services.AddMetricsEndpoint(configuration);

        // Sources and instrumentation whichever tracer provider is built: this server's (OTLP) or a test's.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(EngineTelemetry.SourceName)
            .AddAspNetCoreInstrumentation(aspnet => aspnet.RecordException = true));

        // Meters are process-wide and picked by name: another host in this process (a test server beside this one) has
        // meters of the same names from its own factory. Only this host's are this server's metrics.
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var own = provider.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, own) ? MetricStreamConfiguration.Drop : null);
        });

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics =>
            {
                // "System.Runtime": .NET's own meter (garbage collections and their pause time, allocation, thread pool
                // queue, lock contention), process-wide and read only when scraped: what to look at first when latency
                // has a tail (docs/operations.md).
                metrics.AddMeter(EngineTelemetry.MeterName, RuntimeMeterName).AddAspNetCoreInstrumentation();
                metrics.AddPrometheusExporter(prometheus =>
                {
                    // Every scrape collects afresh: a cached answer would hide what just happened.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                });
                if (OtlpConfigured(configuration, "METRICS"))
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (OtlpConfigured(configuration, "TRACES"))
        {
            otel.WithTracing(tracing => tracing.AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The standard variables (also as configuration keys): the common endpoint or the signal's own.</summary>
    private static bool OtlpConfigured(IConfiguration configuration, string signal) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"]);
}
