using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using HypermediaBpm.Engine.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> with a token from <c>create-token</c>: looked up by the SHA-256 of
/// the secret; refused when revoked, expired, or its user is gone or disabled (read per request). Its last use
/// is written at most once a minute, so a busy client does not turn every read into a write.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IEngineStore store,
    SignInThrottle throttle,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(null, address) is { } wait)
        {
            return Refuse(wait);
        }

        var now = clock.GetUtcNow();
        var token = await store.FindApiTokenAsync(ApiTokens.HashOf(header.Parameter), Context.RequestAborted);
        var account = token is { RevokedAt: null } && token.ExpiresAt > now
            ? await store.GetUserAccountAsync(token.UserId, Context.RequestAborted)
            : null;
        if (token is null || account is not { Disabled: false })
        {
            throttle.RecordFailure(null, address);
            Logger.LogWarning("Bearer token refused from {Address} ({Reason})", address, token is null ? "unknown" : "revoked, expired or user disabled");
            return Refuse(null);
        }

        if (token.LastUsedAt is not { } used || now - used >= TouchEvery)
        {
            await store.TouchApiTokenAsync(token.Id, now, Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipals.Create(account, AuthSchemes.ApiToken), AuthSchemes.ApiToken));
    }

    private AuthenticateResult Refuse(TimeSpan? retryAfter)
    {
        Context.Features.Set(new SignInFailure(retryAfter));
        return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
    }
}
