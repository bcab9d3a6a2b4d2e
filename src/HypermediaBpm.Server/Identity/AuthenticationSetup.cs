using HypermediaBpm.Server.Representations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Sign-in composed once: a policy scheme picks Basic, an API token, a JWT (when configured) or the session
/// cookie from what the request carries; everything needs a signed-in user unless marked
/// <see cref="AllowAnonymousAttribute"/>; refusals are answered by <see cref="SignInResultHandler"/>.
/// </summary>
public static class AuthenticationSetup
{
    /// <summary>The policy name for commands only administrators may use (until rights are modelled in full).</summary>
    public const string AdminsPolicy = "admins";

    public static IServiceCollection AddHypermediaAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Security");
        services.Configure<SecurityOptions>(section);
        var security = section.Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton<Passwords>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<BasicCredentialCache>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<CookieSessionValidator>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SignInResultHandler>();

        var authentication = services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Basic, token, JWT or session cookie", policy =>
                policy.ForwardDefaultSelector = context => Select(context, security.Jwt.Enabled))
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AuthSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthSchemes.ApiToken, null)
            .AddCookie(AuthSchemes.Cookie, cookie =>
            {
                cookie.Cookie.Name = AuthSchemes.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;

                // Secure whenever the request came over https (behind a proxy: with forwarded headers, see docs/identity.md).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = security.SessionIdleTimeout;
                cookie.EventsType = typeof(CookieSessionValidator);
            });
        if (security.Jwt.Enabled)
        {
            authentication.AddJwtBearer(AuthSchemes.Jwt, jwt =>
            {
                jwt.Authority = security.Jwt.Authority;
                jwt.Audience = security.Jwt.Audience;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(security.Jwt.Audience);
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context => JwtSignIn.OnTokenValidatedAsync(context, security.Jwt),
                    OnAuthenticationFailed = context =>
                    {
                        context.HttpContext.Features.Set(new SignInFailure(null));
                        return Task.CompletedTask;
                    },
                };
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminsPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(BuiltInGroups.Admins));
        return services;
    }

    /// <summary>Authentication, then authorization: after routing, so endpoints' <c>[AllowAnonymous]</c> is known.</summary>
    public static IApplicationBuilder UseHypermediaAuthentication(this IApplicationBuilder app)
    {
        app.UseAuthentication();

        // After authentication: a cross-site form post is taken only with a valid antiforgery token, and that token
        // is bound to the signed-in user. Before authorization, so the refusal is the same for everyone.
        app.UseMiddleware<CrossSiteRequestMiddleware>();
        app.UseAuthorization();
        return app;
    }

    private static string Select(HttpContext context, bool jwt)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthSchemes.Basic;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // A JWT is three dot-separated parts; the server's own tokens have no dot.
            if (jwt && authorization.Count(c => c == '.') == 2)
            {
                return AuthSchemes.Jwt;
            }

            // The scrape token is tried before API tokens there, so a scraper never counts as a failed sign-in.
            return Telemetry.MetricsEndpoint.IsScrape(context) ? Telemetry.ScrapeTokenAuthenticationHandler.SchemeName : AuthSchemes.ApiToken;
        }

        return AuthSchemes.Cookie;
    }
}
