using HypermediaBpm.Server.Identity;
using Microsoft.AspNetCore.Authorization;

namespace HypermediaBpm.Server.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint: OpenTelemetry's exporter (text exposition format) behind the
/// <see cref="Policy"/>: administrators, or <c>Authorization: Bearer</c> with <c>Metrics:ScrapeToken</c>.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public const string Policy = "metrics-readers";

    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection("Metrics"));
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ScrapeTokenAuthenticationHandler>(
            ScrapeTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new MetricsReaderRequirement()));
        return services;
    }

    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Policy);

    /// <summary>A bearer token sent to the scrape endpoint goes to the scrape-token scheme first.</summary>
    public static bool IsScrape(HttpContext context) => context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);
}
