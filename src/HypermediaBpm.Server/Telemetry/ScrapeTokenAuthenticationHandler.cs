using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HypermediaBpm.Server.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Telemetry;

/// <summary>
/// <c>Authorization: Bearer</c> on <c>/metrics</c>: the configured <see cref="MetricsOptions.ScrapeToken"/> signs in a
/// scraper that may read the metrics and nothing else; any other bearer token is an API token as everywhere else.
/// Asked first so that a scraper's token is never counted as a failed API-token sign-in.
/// </summary>
public sealed class ScrapeTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<MetricsOptions> metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "MetricsScrapeToken";

    /// <summary>The claim only a scrape-token principal carries.</summary>
    public const string ScraperClaim = "hbpm:metrics-scraper";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (metrics.CurrentValue.ScrapeToken is { Length: > 0 } expected
            && AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { Length: > 0 } presented
            && SameSecret(presented, expected))
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "metrics-scraper"), new Claim(ScraperClaim, "true")], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }

        return await Context.AuthenticateAsync(AuthSchemes.ApiToken);
    }

    /// <summary>Compared in constant time, over hashes so that not even the secret's length shows in the timing.</summary>
    public static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
